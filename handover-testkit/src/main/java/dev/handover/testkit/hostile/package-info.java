/**
 * A hostile HTTP server on loopback for adapters' tests: redirects to another origin, headers followed by silence,
 * bodies of 4 GiB or without end. JDK only, no JUnit.
 */
package dev.handover.testkit.hostile;
