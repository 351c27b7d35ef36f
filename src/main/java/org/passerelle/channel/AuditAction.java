package org.passerelle.channel;

public enum AuditAction {
    SUSPEND, RESUME, ISOLATE, RESTORE, BREAKER_FORCE_OPEN, BREAKER_FORCE_CLOSED, BREAKER_RESET
}
