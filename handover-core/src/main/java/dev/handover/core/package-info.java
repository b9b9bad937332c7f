/**
 * The engine's entry point, {@link dev.handover.core.Handovers}: plans and writes handovers — by rule, by hand, in bulk
 * at a shift change or an absence — each as one atomic, idempotent CRM update.
 */
package dev.handover.core;
