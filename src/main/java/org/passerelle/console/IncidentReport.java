package org.passerelle.console;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.passerelle.channel.AuditEntry;
import org.passerelle.channel.IncidentRecord;
import org.passerelle.channel.IncidentWork;

/**
 * One incident from isolation to its last restore, for the hospital's incident declaration and post-mortem:
 * the timeline (who, when, why, the approver), the work held per channel, what expired, how fast the backlog
 * drained, the payments left in doubt. Counts only, never patient data.
 */
record IncidentReport(long id, OffsetDateTime openedAt, String openedBy, String reason, OffsetDateTime closedAt,
                      String closedBy, Long durationSeconds, List<Step> timeline, List<IncidentWork> heldWork,
                      long remindersExpiredDuringIncident, List<Drain> drains, long paymentsLeftInDoubt,
                      OffsetDateTime generatedAt) {

    /** One control change of the incident; {@code approvedBy} for a four-eyes restore. */
    record Step(OffsetDateTime at, String actor, String action, String channel, String from, String to,
                String reason, String approvedBy) {
    }

    /**
     * The SMS backlog sent after a restore: how many reminders that were due left, over how long, at what rate
     * (per minute; null when fewer than two left or all at once).
     */
    record Drain(String channel, OffsetDateTime restoredAt, long remindersSent, OffsetDateTime lastSentAt,
                 Long seconds, Double perMinute) {

        static Drain of(String channel, OffsetDateTime restoredAt, long sent, OffsetDateTime last) {
            Long seconds = last == null ? null : Math.max(0, Duration.between(restoredAt, last).toSeconds());
            Double perMinute = seconds == null || seconds == 0 ? null : Math.round(sent * 600.0 / seconds) / 10.0;
            return new Drain(channel, restoredAt, sent, last, seconds, perMinute);
        }
    }

    static List<Step> steps(List<AuditEntry> entries) {
        List<Step> steps = new ArrayList<>();
        for (AuditEntry e : entries) {
            steps.add(new Step(e.occurredAt(), e.actor(), e.action().name(), e.channel(), e.from(), e.to(), e.reason(),
                    e.approvedBy()));
        }
        return steps;
    }

    static IncidentReport of(IncidentRecord i, List<Step> timeline, List<IncidentWork> work, long expired,
                             List<Drain> drains, long inDoubt, OffsetDateTime now) {
        Long duration = i.closedAt() == null ? null : Duration.between(i.openedAt(), i.closedAt()).toSeconds();
        return new IncidentReport(i.id(), i.openedAt(), i.openedBy(), i.reason(), i.closedAt(), i.closedBy(), duration,
                timeline, work, expired, drains, inDoubt, now);
    }
}
