package org.passerelle.console;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.passerelle.channel.ChannelId;
import org.passerelle.scheduling.ReminderProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The console's texts in the user's language (the message bundle) and its times in the hospital's zone. */
@Component
class ConsoleText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final MessageSource messages;
    private final ZoneId zone;

    ConsoleText(MessageSource messages, ReminderProperties reminders) {
        this.messages = messages;
        this.zone = reminders.zone();
    }

    String get(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    String channel(ChannelId id) {
        return get("channel." + id.id());
    }

    String channel(String id) {
        return get("channel." + id);
    }

    String time(OffsetDateTime at) {
        return at == null ? "" : TIME.format(at.atZoneSameInstant(zone));
    }

    ZoneId zone() {
        return zone;
    }
}
