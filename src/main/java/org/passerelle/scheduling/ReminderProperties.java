package org.passerelle.scheduling;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.reminders.*}: when a reminder goes out.
 *
 * @param lead how long before the appointment the reminder is meant to arrive
 * @param minimumLead no reminder leaves later than the appointment start minus this; positive, shorter than lead
 * @param sendFrom reminders are sent only between send-from and send-until (inclusive), local times in zone
 * @param sendUntil see send-from; after it
 * @param zone zone of the sending window, and default zone of appointments given without one (IANA id);
 *        an unknown id stops the start when it is bound
 */
@Validated
@ConfigurationProperties(prefix = "passerelle.reminders", ignoreUnknownFields = false)
public record ReminderProperties(
        @NotNull(message = "passerelle.reminders.lead is required") @DefaultValue("48h") Duration lead,
        @NotNull(message = "passerelle.reminders.minimum-lead is required") @DefaultValue("3h") Duration minimumLead,
        @NotNull(message = "passerelle.reminders.send-from is required") @DefaultValue("09:00") LocalTime sendFrom,
        @NotNull(message = "passerelle.reminders.send-until is required") @DefaultValue("19:00") LocalTime sendUntil,
        @NotNull(message = "passerelle.reminders.zone is required (an IANA zone id such as Europe/Paris)")
        @DefaultValue("Europe/Paris") ZoneId zone) {

    @AssertTrue(message = "passerelle.reminders.send-from must be before send-until")
    public boolean isWindowValid() {
        return sendFrom == null || sendUntil == null || sendFrom.isBefore(sendUntil);
    }

    @AssertTrue(message = "passerelle.reminders.minimum-lead must be positive and shorter than lead")
    public boolean isLeadValid() {
        return lead == null || minimumLead == null || !minimumLead.isNegative() && minimumLead.compareTo(lead) < 0;
    }
}
