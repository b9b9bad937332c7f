package dev.handover.core.notice;

/**
 * How a customer notice addresses the customer in a language: by salutation and surname ("Guten Tag Frau Müller"), or
 * by first name ("Hello Olivia"). The built-in German, French and Spanish notices are formal, English informal.
 */
public enum NoticeRegister {
    /** Salutation and surname when the CRM holds a salutation, else the full name. */
    FORMAL,
    /** The first name. */
    INFORMAL
}
