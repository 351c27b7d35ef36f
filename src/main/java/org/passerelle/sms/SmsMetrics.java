package org.passerelle.sms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.passerelle.scheduling.ReminderQueue;
import org.passerelle.scheduling.ReminderStatus;
import org.springframework.stereotype.Component;

/**
 * Counters of what the reminder route did on this replica, and gauges of the reminder queue (database-wide:
 * every replica reports the same value) and of this replica's SMSC sockets. Every meter is registered at
 * start so dashboards and alerts have a series before the first event (docs/observability.md).
 */
@Component
class SmsMetrics {

    private final Counter segments;
    private final Counter reminders;
    private final Counter held;
    private final Counter retried;
    private final Counter failed;
    private final Counter ambiguous;
    private final Map<ReminderStatus, Counter> receipts = new EnumMap<>(ReminderStatus.class);
    private final Counter intermediateReceipts;
    private final Counter expired;
    private final Counter optOuts;

    public SmsMetrics(MeterRegistry meters, ReminderQueue queue, SmscConnections connections) {
        segments = Counter.builder("passerelle.sms.segments.submitted").register(meters);
        reminders = Counter.builder("passerelle.sms.reminders.submitted").register(meters);
        held = Counter.builder("passerelle.sms.reminders.held").description("left due: gate closed or breaker open").register(meters);
        retried = Counter.builder("passerelle.sms.reminders.retried").register(meters);
        failed = Counter.builder("passerelle.sms.reminders.failed").register(meters);
        ambiguous = Counter.builder("passerelle.sms.reminders.ambiguous")
                .description("submits the SMSC may have received twice (claim lost mid-submit)").register(meters);
        for (ReminderStatus status : List.of(ReminderStatus.DELIVERED, ReminderStatus.UNDELIVERABLE,
                ReminderStatus.REJECTED, ReminderStatus.EXPIRED_AT_SMSC)) {
            receipts.put(status, receipt(meters, status.name().toLowerCase(Locale.ROOT)));
        }
        intermediateReceipts = receipt(meters, "intermediate");
        expired = Counter.builder("passerelle.sms.reminders.expired")
                .description("reminders whose last allowed moment passed before they could leave (never sent)").register(meters);
        for (ReminderStatus status : List.of(ReminderStatus.PENDING, ReminderStatus.SENDING, ReminderStatus.SUBMITTED)) {
            Gauge.builder("passerelle.sms.reminders.waiting", queue, q -> q.count(status))
                    .description("reminders not final, by status (whole database)")
                    .tag("status", status.name().toLowerCase(Locale.ROOT)).register(meters);
        }
        Gauge.builder("passerelle.sms.smsc.connections", connections, SmscConnections::openCount)
                .description("sockets open from this replica to the SMSC").register(meters);
        optOuts = Counter.builder("passerelle.sms.optouts").register(meters);
    }

    void submitted(int parts) {
        reminders.increment();
        segments.increment(parts);
    }

    void held() {
        held.increment();
    }

    void retried() {
        retried.increment();
    }

    void failed() {
        failed.increment();
    }

    void ambiguous() {
        ambiguous.increment();
    }

    private static Counter receipt(MeterRegistry meters, String status) {
        return Counter.builder("passerelle.sms.receipts").description("delivery receipts by final status")
                .tag("status", status).register(meters);
    }

    /** {@code status}: the receipt's final status, or null for an intermediate or unreadable one. */
    void receipt(ReminderStatus status) {
        receipts.getOrDefault(status, intermediateReceipts).increment();
    }

    void expired(int count) {
        expired.increment(count);
    }

    void optOut() {
        optOuts.increment();
    }
}
