/** The review report: how handovers went, read from the journal, as text, HTML, JSON or CSV. */
package dev.handover.runner.report;
