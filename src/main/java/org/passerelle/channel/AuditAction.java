package org.passerelle.channel;

/** What a control change did; REOPEN_REQUESTED is a restore or resume waiting for a second ops user (four-eyes). */
public enum AuditAction {
    SUSPEND, RESUME, ISOLATE, RESTORE, BREAKER_FORCE_OPEN, BREAKER_FORCE_CLOSED, BREAKER_RESET, REOPEN_REQUESTED
}
