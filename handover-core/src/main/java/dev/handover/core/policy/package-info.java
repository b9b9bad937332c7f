/**
 * The organisation's handover procedure as data: rules, reasons, required actions, reminder policies and escalation
 * ladders, working hours, customer notices and note requirements, with a plain-language description.
 */
package dev.handover.core.policy;
