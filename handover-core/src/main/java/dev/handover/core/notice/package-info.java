/**
 * Customer notices: telling the customer, in their language, to whom their case goes and why (seed criterion 3.1).
 */
package dev.handover.core.notice;
