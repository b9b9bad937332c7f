/**
 * The values the engine and the CRM adapters exchange: tickets, customers, comments, agents and their directory, and
 * handover tasks. Immutable records, validated when built; text is never null.
 */
package dev.handover.spi.model;
