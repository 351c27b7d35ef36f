package org.passerelle.scheduling;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code passerelle.reminders.*}: when a reminder goes out. */
@Validated
@ConfigurationProperties("passerelle.reminders")
public class ReminderProperties {

    /** How long before the appointment the reminder is meant to arrive. */
    @NotNull
    private Duration lead = Duration.ofHours(48);
    /** No reminder leaves later than the appointment start minus this. */
    @NotNull
    private Duration minimumLead = Duration.ofHours(3);
    /** Reminders are sent only between these local times (inclusive), in {@link #zone}. */
    @NotNull
    private LocalTime sendFrom = LocalTime.of(9, 0);
    @NotNull
    private LocalTime sendUntil = LocalTime.of(19, 0);
    /** Zone of the sending window, and default zone of appointments given without one. */
    @NotNull
    private String zone = "Europe/Paris";

    @AssertTrue(message = "passerelle.reminders.zone must be an IANA zone id such as Europe/Paris")
    public boolean isZoneValid() {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException | NullPointerException e) {
            return false;
        }
    }

    @AssertTrue(message = "passerelle.reminders.send-from must be before send-until")
    public boolean isWindowValid() {
        return sendFrom != null && sendUntil != null && sendFrom.isBefore(sendUntil);
    }

    @AssertTrue(message = "passerelle.reminders.minimum-lead must be positive and shorter than lead")
    public boolean isLeadValid() {
        return lead != null && minimumLead != null && !minimumLead.isNegative() && minimumLead.compareTo(lead) < 0;
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    public Duration getLead() {
        return lead;
    }

    public void setLead(Duration lead) {
        this.lead = lead;
    }

    public Duration getMinimumLead() {
        return minimumLead;
    }

    public void setMinimumLead(Duration minimumLead) {
        this.minimumLead = minimumLead;
    }

    public LocalTime getSendFrom() {
        return sendFrom;
    }

    public void setSendFrom(LocalTime sendFrom) {
        this.sendFrom = sendFrom;
    }

    public LocalTime getSendUntil() {
        return sendUntil;
    }

    public void setSendUntil(LocalTime sendUntil) {
        this.sendUntil = sendUntil;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }
}
