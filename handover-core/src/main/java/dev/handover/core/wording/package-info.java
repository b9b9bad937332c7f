/**
 * How the engine puts durations into words ({@code 2 h 30 min}) in every description, note and event it writes.
 * Not API: the package is not exported.
 */
package dev.handover.core.wording;
