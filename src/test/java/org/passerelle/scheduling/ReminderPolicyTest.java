package org.passerelle.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.BoundProperties;

/** The default policy: 48 h before, window 09:00-19:00 Europe/Paris, never later than start - 3 h. */
class ReminderPolicyTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final ReminderPolicy policy = new ReminderPolicy(BoundProperties.defaults(ReminderProperties.class));

    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    @Test
    void reminderGoesOutFortyEightHoursBeforeWhenThatIsInsideTheWindow() {
        assertThat(policy.dueAt(paris("2026-12-10T14:30"), paris("2026-12-01T10:00")))
                .contains(paris("2026-12-08T14:30"));
    }

    @Test
    void aMomentBeforeNineMovesToTheEveningBefore() {
        // 48 h before 08:00 is 08:00: outside the window, so the previous window's end, 19:00 the day before
        assertThat(policy.dueAt(paris("2026-12-10T08:00"), paris("2026-12-01T10:00")))
                .contains(paris("2026-12-07T19:00"));
    }

    @Test
    void aMomentAfterSevenMovesBackToSevenTheSameDay() {
        assertThat(policy.dueAt(paris("2026-12-10T21:15"), paris("2026-12-01T10:00")))
                .contains(paris("2026-12-08T19:00"));
    }

    @Test
    void whenThePreviousWindowIsAlreadyPastItMovesToTheNextOne() {
        // target 2026-12-08 07:00 -> previous window end 2026-12-07 19:00, already past at 22:00 -> next: 12-08 09:00
        assertThat(policy.dueAt(paris("2026-12-10T07:00"), paris("2026-12-07T22:00")))
                .contains(paris("2026-12-08T09:00"));
    }

    @Test
    void bookedLateGetsTheNextAllowedMomentIfStillThreeHoursAway() {
        Instant now = paris("2026-12-09T10:00");
        assertThat(policy.dueAt(paris("2026-12-09T16:00"), now)).contains(now);
        // booked at 20:00 for 10:00 tomorrow: next allowed is 09:00, but 09:00 > 10:00 - 3h = 07:00
        assertThat(policy.dueAt(paris("2026-12-10T10:00"), paris("2026-12-09T20:00"))).isEmpty();
        // booked at 20:00 for 13:00 tomorrow: 09:00 is still 4 h before
        assertThat(policy.dueAt(paris("2026-12-10T13:00"), paris("2026-12-09T20:00"))).contains(paris("2026-12-10T09:00"));
    }

    @Test
    void lessThanThreeHoursAwayGetsNoReminder() {
        assertThat(policy.dueAt(paris("2026-12-09T12:59"), paris("2026-12-09T10:00"))).isEmpty();
        assertThat(policy.dueAt(paris("2026-12-09T13:00"), paris("2026-12-09T10:00"))).contains(paris("2026-12-09T10:00"));
    }

    @Test
    void springForwardTheDayBeforeKeepsTheLocalWindow() {
        // DST starts 2026-03-29 02:00 -> 03:00. Appointment 2026-03-30 14:00 CEST; 48 h earlier is 2026-03-28 13:00 CET.
        Instant start = paris("2026-03-30T14:00");
        Instant due = policy.dueAt(start, paris("2026-03-20T10:00")).orElseThrow();
        assertThat(Duration.between(due, start)).isEqualTo(Duration.ofHours(48));
        assertThat(due.atZone(PARIS).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-28T13:00"));
    }

    @Test
    void fallBackWindowEdgesAreLocalTimes() {
        // DST ends 2026-10-25 03:00 -> 02:00, so the 25th has 25 hours.
        Instant start = paris("2026-10-26T08:00");
        Instant due = policy.dueAt(start, paris("2026-10-01T10:00")).orElseThrow();
        ZonedDateTime local = due.atZone(PARIS);
        assertThat(local.toLocalTime().isBefore(java.time.LocalTime.of(9, 0))).isFalse();
        assertThat(local.toLocalTime().isAfter(java.time.LocalTime.of(19, 0))).isFalse();
        // 48 h before 08:00 CET on the 26th is 09:00 CEST on the 24th (not 08:00): exactly the window's opening.
        assertThat(local.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-10-24T09:00"));
        assertThat(Duration.between(due, start)).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void theWindowOpensAtNineLocalTimeOnBothSidesOfAChange() {
        assertThat(policy.windowOpen(paris("2026-03-29T08:59"))).isFalse();
        assertThat(policy.windowOpen(paris("2026-03-29T09:00"))).isTrue();
        assertThat(policy.windowOpen(paris("2026-10-25T19:00"))).isTrue();
        assertThat(policy.windowOpen(paris("2026-10-25T19:01"))).isFalse();
        assertThat(policy.nextAllowedAtOrAfter(paris("2026-03-29T01:00"))).isEqualTo(paris("2026-03-29T09:00"));
    }

    @Test
    void latestSendIsStartMinusMinimumLead() {
        assertThat(policy.latestSend(paris("2026-12-10T14:30"))).isEqualTo(paris("2026-12-10T11:30"));
    }
}
