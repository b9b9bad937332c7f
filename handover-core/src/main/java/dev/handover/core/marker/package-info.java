/**
 * The machine-readable lines the engine ends its notes with — the handover trailer and the follow-up's step markers —
 * and their encoding: percent-encoded values, compact UTC times, a CRC-32, and text that imitates a marker defused.
 * Not API: the package is not exported; embedders read a handover back with {@link
 * dev.handover.core.note.HandoverRecord#find(String)}.
 */
package dev.handover.core.marker;
