package org.passerelle.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the database says about one reminder's retries: for each failed attempt, when it was put back to
 * PENDING ({@code updated_at}, the moment of the failure) and when it is due again ({@code next_attempt_at}).
 * Rows are sampled every few milliseconds while the reminder is retried, so every retry window (at least
 * 0.8 × the initial delay) is seen.
 */
final class ReminderRetrySchedule {

    /** One retry as scheduled: the reminder failed at {@code failedAt} after {@code attempts} attempts. */
    record Retry(int attempts, Instant failedAt, Instant nextAttemptAt) {
        Duration delay() {
            return Duration.between(failedAt, nextAttemptAt);
        }
    }

    private ReminderRetrySchedule() {
    }

    /** Samples the appointment's reminder until it leaves the retry loop (or {@code max} passes). */
    static Map<Integer, Retry> observe(JdbcClient jdbc, String appointmentId, Duration max) throws InterruptedException {
        Map<Integer, Retry> retries = new TreeMap<>();
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            Row row = jdbc.sql("select status, attempts, updated_at, next_attempt_at from reminder where appointment_id = :id order by seq")
                    .param("id", appointmentId).query(ReminderRetrySchedule::row).list().stream().findFirst().orElse(null);
            if (row != null && row.status().equals("PENDING") && row.attempts() > 0) {
                retries.putIfAbsent(row.attempts(), new Retry(row.attempts(), row.updatedAt(), row.nextAttemptAt()));
            }
            if (row != null && !row.status().equals("PENDING") && !row.status().equals("SENDING")) {
                return retries;
            }
            Thread.sleep(5);
        }
        return retries;
    }

    /** The delay lies in the ±20 % jitter band around {@code expected}, with {@code slack} either side. */
    static void assertJitteredDelay(Retry retry, Duration expected, Duration slack) {
        Duration lowest = Duration.ofMillis((long) (expected.toMillis() * 0.8)).minus(slack);
        Duration highest = Duration.ofMillis((long) (expected.toMillis() * 1.2)).plus(slack);
        assertThat(retry.delay())
                .as("retry after attempt %d: next attempt %s, failed at %s", retry.attempts(), retry.nextAttemptAt(), retry.failedAt())
                .isBetween(lowest, highest);
    }

    private record Row(String status, int attempts, Instant updatedAt, Instant nextAttemptAt) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("status"), rs.getInt("attempts"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant());
    }
}
