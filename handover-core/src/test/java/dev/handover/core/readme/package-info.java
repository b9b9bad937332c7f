/** The README's engine snippet, compiled and run from outside the engine's package, as an embedder's code is. */
package dev.handover.core.readme;
