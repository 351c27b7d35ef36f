package org.passerelle.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * When a reminder goes out: {@code lead} before the appointment, moved into the sending window
 * (earlier if possible, else the next window), never later than the start minus {@code minimumLead}.
 * Window edges are local times in the configured zone, so they hold across daylight-saving changes.
 */
@Component
class ReminderPolicy {

    private final ReminderProperties properties;

    public ReminderPolicy(ReminderProperties properties) {
        this.properties = properties;
    }

    /** The moment to send, or empty when no allowed moment remains before the last allowed one. */
    public Optional<Instant> dueAt(Instant start, Instant now) {
        Instant latest = latestSend(start);
        Instant target = start.minus(properties.lead());
        Instant candidate;
        if (target.isAfter(now)) {
            candidate = latestAllowedAtOrBefore(target);
            if (candidate.isBefore(now)) {
                candidate = nextAllowedAtOrAfter(now);
            }
        } else {
            candidate = nextAllowedAtOrAfter(now);
        }
        return candidate.isAfter(latest) ? Optional.empty() : Optional.of(candidate);
    }

    /** After this moment the reminder would be late: it expires instead of going out. */
    public Instant latestSend(Instant start) {
        return start.minus(properties.minimumLead());
    }

    /** True when a reminder may be sent now (inside the sending window). */
    public boolean windowOpen(Instant now) {
        LocalTime t = now.atZone(zone()).toLocalTime();
        return !t.isBefore(properties.sendFrom()) && !t.isAfter(properties.sendUntil());
    }

    Instant latestAllowedAtOrBefore(Instant t) {
        ZonedDateTime local = t.atZone(zone());
        LocalTime time = local.toLocalTime();
        if (time.isBefore(properties.sendFrom())) {
            return at(local.toLocalDate().minusDays(1), properties.sendUntil());
        }
        if (time.isAfter(properties.sendUntil())) {
            return at(local.toLocalDate(), properties.sendUntil());
        }
        return t;
    }

    Instant nextAllowedAtOrAfter(Instant t) {
        ZonedDateTime local = t.atZone(zone());
        LocalTime time = local.toLocalTime();
        if (time.isBefore(properties.sendFrom())) {
            return at(local.toLocalDate(), properties.sendFrom());
        }
        if (time.isAfter(properties.sendUntil())) {
            return at(local.toLocalDate().plusDays(1), properties.sendFrom());
        }
        return t;
    }

    private Instant at(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, zone()).toInstant();
    }

    private ZoneId zone() {
        return properties.zone();
    }
}
