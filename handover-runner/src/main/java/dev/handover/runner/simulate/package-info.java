/**
 * {@code handover simulate}: exported tickets replayed through the policy on an in-memory copy of the team, with no
 * write anywhere, so a team can agree a rule before switching it on. {@link dev.handover.runner.simulate.TicketFile}
 * tells the accepted shapes apart by content (this project's JSON lines, incremental export and search pages, ticket
 * objects per line, a Data Loader CSV of Case) and maps each as the connectors map the same records read over the API;
 * {@link dev.handover.runner.simulate.OfflineTeam} and {@link dev.handover.runner.simulate.TeamFile} give the team
 * when the CRM is not contacted, and say what could then not be checked.
 */
package dev.handover.runner.simulate;
