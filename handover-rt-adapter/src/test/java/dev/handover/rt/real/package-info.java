/**
 * Tests against a real Request Tracker 5 started by the tests ({@code tools/rt/rt-sandbox}): the REST 2.0 behaviour the
 * RT adapter builds on, measured on the server rather than assumed. Without RT installed they are skipped with one line
 * on the console saying how to run them; with RT installed (the {@code real-rt} profile) a sandbox that cannot start
 * fails the build.
 */
package dev.handover.rt.real;
