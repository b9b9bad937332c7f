/**
 * The structured handover note: its sections, completeness, rendering for each CRM's format and length limit, and the
 * machine-readable trailer from which a handover is rebuilt.
 */
package dev.handover.core.note;
