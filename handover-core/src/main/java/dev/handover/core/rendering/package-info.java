/**
 * Writing the handover note for the CRM: plain text, Markdown or HTML with user text escaped, shortened in stages and,
 * if need be, split into parts to fit the CRM's length limit, always ending with the trailer. Not API: the package is
 * not exported; embedders find the note as written in {@link dev.handover.core.HandoverPlan#renderedNote()}.
 */
package dev.handover.core.rendering;
