package org.passerelle.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code passerelle_payments_outcomes_total{outcome}}: payments this replica moved into a state other than
 * RECEIVED / IN_PROGRESS, counted once the change commits ({@code unknown}: into doubt); gauges read from the
 * journal (whole database, every replica reports the same value): payments in doubt, the age of the oldest,
 * and payments flagged for a human. Every series exists from start.
 */
@Component
class PaymentMetrics {

    private final Map<PaymentState, Counter> outcomes = new EnumMap<>(PaymentState.class);

    PaymentMetrics(MeterRegistry meters, JdbcClient jdbc, Clock clock) {
        for (PaymentState state : PaymentState.values()) {
            if (state != PaymentState.RECEIVED && state != PaymentState.IN_PROGRESS) {
                outcomes.put(state, Counter.builder("passerelle.payments.outcomes")
                        .description("payments moved into this state (unknown: in doubt)")
                        .tag("outcome", state.name().toLowerCase(Locale.ROOT))
                        .register(meters));
            }
        }
        Gauge.builder("passerelle.payments.in.doubt", jdbc,
                        j -> j.sql("select count(*) from payment where state = 'UNKNOWN'").query(Long.class).single())
                .description("payments whose outcome is in doubt (state UNKNOWN)").register(meters);
        Gauge.builder("passerelle.payments.in.doubt.oldest", jdbc, j -> oldestInDoubtSeconds(j, clock))
                .description("age of the oldest payment in doubt, 0 when none").baseUnit("seconds").register(meters);
        Gauge.builder("passerelle.payments.needs.human", jdbc,
                        j -> j.sql("select count(*) from payment where needs_human = true").query(Long.class).single())
                .description("payments flagged for a human (recovery could not settle them)").register(meters);
    }

    private static double oldestInDoubtSeconds(JdbcClient jdbc, Clock clock) {
        return jdbc.sql("select min(created_at) from payment where state = 'UNKNOWN'").query(OffsetDateTime.class)
                .optional()
                .map(oldest -> Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0)
                .orElse(0.0);
    }

    /** A journaled state change; counted after the surrounding transaction commits. */
    void moved(PaymentState from, PaymentState to) {
        Counter counter = outcomes.get(to);
        if (counter == null || from == to) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment();
                }
            });
        } else {
            counter.increment();
        }
    }
}
