package org.passerelle.sms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counters of what the reminder route did on this replica. */
@Component
class SmsMetrics {

    private final Counter segments;
    private final Counter reminders;
    private final Counter held;
    private final Counter retried;
    private final Counter failed;
    private final Counter ambiguous;
    private final Counter receipts;
    private final Counter optOuts;

    public SmsMetrics(MeterRegistry meters) {
        segments = Counter.builder("passerelle.sms.segments.submitted").register(meters);
        reminders = Counter.builder("passerelle.sms.reminders.submitted").register(meters);
        held = Counter.builder("passerelle.sms.reminders.held").description("left due: gate closed or breaker open").register(meters);
        retried = Counter.builder("passerelle.sms.reminders.retried").register(meters);
        failed = Counter.builder("passerelle.sms.reminders.failed").register(meters);
        ambiguous = Counter.builder("passerelle.sms.reminders.ambiguous")
                .description("submits the SMSC may have received twice (claim lost mid-submit)").register(meters);
        receipts = Counter.builder("passerelle.sms.receipts").register(meters);
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

    void receipt() {
        receipts.increment();
    }

    void optOut() {
        optOuts.increment();
    }
}
