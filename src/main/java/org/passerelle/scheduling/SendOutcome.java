package org.passerelle.scheduling;

import java.time.Instant;
import java.util.List;

/** What became of one claimed reminder, reported by the sms feature to {@link ReminderQueue#record}. */
public sealed interface SendOutcome {

    long reminderId();

    /** The SMSC accepted every segment; one message id per segment, in order. */
    record Submitted(long reminderId, String encoding, List<String> messageIds) implements SendOutcome {
    }

    /** Nothing left our side (gate closed, breaker open, shutting down): due again now, no attempt counted. */
    record Held(long reminderId, String why) implements SendOutcome {
    }

    /** A transient failure, tried again at {@code next}; {@code ambiguous}: the submit may have reached the SMSC. */
    record RetryLater(long reminderId, Instant next, String error, boolean ambiguous) implements SendOutcome {
    }

    /** Will never be sent. */
    record Failed(long reminderId, String error) implements SendOutcome {
    }
}
