/**
 * {@code handover simulate}: exported tickets replayed through the policy on an in-memory copy of the CRM's directory,
 * with no write anywhere, so a team can agree a rule before switching it on.
 */
package dev.handover.runner.simulate;
