/**
 * The {@code handover.yaml} configuration: read with Jackson YAML into located nodes and bound to the engine's policy,
 * the CRM settings, the team overlay and the worker settings, reporting every problem with file, line and column.
 */
package dev.handover.runner.config;
