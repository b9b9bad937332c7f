/** Time for tests and simulations: a clock that only moves when told to, so nothing sleeps on the wall clock. */
package dev.handover.memory.time;
