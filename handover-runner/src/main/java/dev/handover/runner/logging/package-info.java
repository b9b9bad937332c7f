/**
 * The product's log lines: one format for every line the runner writes on standard error — its own, the engine's,
 * the adapters' and Jersey's (java.util.logging is bridged into SLF4J) — as {@code key=value} pairs or as JSON lines,
 * at a level chosen with {@code --log-format} / {@code --log-level} or {@code HANDOVER_LOG_FORMAT} /
 * {@code HANDOVER_LOG_LEVEL}. Logback does the levels and the writing; it is configured here in code, never from a
 * {@code logback.xml} that happens to be on the class path.
 */
package dev.handover.runner.logging;
