/**
 * A stateful fake Salesforce org on loopback (the JDK's HTTP server), for the adapter's tests and the runner's: OAuth,
 * the SOQL the adapter emits, {@code /composite} with {@code allOrNone} and references, sObject Collections, an
 * assignment rule that overrides owners written without {@code Sforce-Auto-Assign: FALSE}, limits and injected faults.
 */
package dev.handover.salesforce.fake;
