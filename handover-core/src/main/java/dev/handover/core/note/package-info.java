/**
 * The structured handover note as embedders see it: its sections and entries, what it must not miss, and the
 * machine-readable {@link dev.handover.core.note.HandoverRecord} its last line carries, from which a handover is read
 * back ({@link dev.handover.core.note.HandoverRecord#find(String)}).
 */
package dev.handover.core.note;
