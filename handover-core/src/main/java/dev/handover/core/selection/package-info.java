/**
 * The receiver check: trying a rule's targets in order and refusing every candidate who cannot take the ticket —
 * inactive, excluded, unskilled, not speaking the customer's language, unavailable before the deadline, at capacity —
 * with the reason in words. Not API: the package is not exported; embedders read the outcome as a {@link
 * dev.handover.core.routing.Selection}.
 */
package dev.handover.core.selection;
