/**
 * The handover procedure a policy describes, as a document a team can circulate: written once in plain English
 * ({@link dev.handover.runner.procedure.Procedure}), with agents and groups named as the CRM names them when their
 * names are known, and printed as wrapped text, Markdown or a self-contained HTML page.
 */
package dev.handover.runner.procedure;
