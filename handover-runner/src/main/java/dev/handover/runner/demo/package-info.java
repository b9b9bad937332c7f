/** {@code handover demo}: a simulated working day of handovers on the in-memory CRM, told as a timeline. */
package dev.handover.runner.demo;
