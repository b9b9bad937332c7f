/**
 * A realistic demo data set — two teams in two time zones, a manager chain, agents with skills and languages, and
 * tickets in English, German, French and Spanish — for the demo, tests and benchmarks.
 */
package dev.handover.memory.demo;
