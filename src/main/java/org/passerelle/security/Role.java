package org.passerelle.security;

/** What a user may do. A user may hold several. */
enum Role {
    /** Sends appointments (scheduling system or its integration engine). */
    SCHEDULER,
    /** Takes card payments at a cashier desk. */
    CASHIER,
    /** Suspends and restores channels, handles incidents, reads the audit. */
    OPS,
    /** Reads status, audit and reconciliation; changes nothing. */
    AUDITOR
}
