/**
 * Customer notices: telling the customer, in their language, to whom their case goes and why.
 */
package dev.handover.core.notice;
