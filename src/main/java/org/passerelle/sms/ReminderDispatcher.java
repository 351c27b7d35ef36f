package org.passerelle.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.smpp.SmppConstants;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.passerelle.channel.ChannelCalls;
import org.passerelle.retry.Backoff;
import org.passerelle.channel.ChannelId;
import org.passerelle.scheduling.ReminderQueue;
import org.passerelle.scheduling.ReminderToSend;
import org.passerelle.scheduling.SendOutcome;
import org.passerelle.sms.text.EncodedSms;
import org.passerelle.sms.text.SmsEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the reminder route (routes/sms-reminders.yaml): claim what is due, prepare the SMPP
 * submit, record the SMSC's message ids, and decide what a failure means. The middle steps run on the
 * submit window's threads at once ({@link SubmitWindow}); outcomes are written in groups ({@link SendOutcomes})
 * and the batch ends with {@link #recorded}. Logs carry reminder ids only.
 */
@Component("reminderDispatcher")
public class ReminderDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ReminderDispatcher.class);
    static final String REMINDER = "passerelle.reminder";
    static final String ENCODING = "passerelle.encoding";
    static final String SEGMENTS = "smsSegments";
    static final String IN_WINDOW = "passerelle.inWindow";

    private final ReminderQueue queue;
    private final ReminderText text;
    private final SmsEncoder encoder;
    private final SmsProperties properties;
    private final ChannelCalls channels;
    private final SmsNode node;
    private final SmsMetrics metrics;
    private final SendOutcomes outcomes;
    private final SendingStop stop;
    private final WindowSlots slots;
    private final Clock clock;
    /** Reminders claimed by this replica that have not taken their place in the window yet. */
    private final Set<Long> waiting = ConcurrentHashMap.newKeySet();

    public ReminderDispatcher(ReminderQueue queue, ReminderText text, SmsProperties properties, ChannelCalls channels,
                              SmsNode node, SmsMetrics metrics, SendOutcomes outcomes, SendingStop stop, WindowSlots slots,
                              Clock clock) {
        this.queue = queue;
        this.text = text;
        this.encoder = new SmsEncoder(properties.transliterate());
        this.properties = properties;
        this.channels = channels;
        this.node = node;
        this.metrics = metrics;
        this.outcomes = outcomes;
        this.stop = stop;
        this.slots = slots;
        this.clock = clock;
    }

    /**
     * Due reminders for this replica; none while the channel is closed, the breaker open, outside the sending
     * hours or once shutdown began. A non-empty batch is running until {@link #recorded}.
     *
     * <p>The timer does not wait for a batch to end (the split runs on the window's threads), so batches
     * overlap: the next one is claimed while the one before is still being sent, and the window does not empty
     * while a claim is under way. What bounds the claims is {@link #waiting}: a batch is claimed only while fewer
     * than {@code max(batch-size, window)} reminders claimed here have not taken their place in the window, so a
     * claimed reminder has fewer than that waiting ahead of it and {@code window} in the window (waiting for
     * tokens or for their response); the claim lease is sized for that ({@link SmsProperties#minimumClaimLease()}).
     */
    public synchronized List<ReminderToSend> claimDue() {
        if (waiting.size() >= Math.max(properties.batchSize(), properties.window()) || !channels.acceptsNewWork(ChannelId.SMS)
                || !queue.windowOpen()) {
            return List.of();
        }
        stop.batchStarted(); // counted before reading the flag, so the shutdown either waits for this batch or is seen here
        if (stop.stopping()) {
            stop.batchEnded();
            return List.of();
        }
        try {
            List<ReminderToSend> batch = queue.claimDue(node.id(), properties.batchSize(), properties.claimLease());
            if (batch.isEmpty()) {
                stop.batchEnded();
            }
            batch.forEach(r -> waiting.add(r.reminderId()));
            return batch;
        } catch (RuntimeException e) {
            stop.batchEnded();
            throw e;
        }
    }

    /**
     * Last step of a batch: it ends (for the shutdown) once every outcome of it is written, on the outcome
     * writer's thread; this window thread goes back to submitting at once.
     */
    public void recorded(Exchange exchange) {
        List<?> batch = exchange.getIn().getBody(List.class);
        if (batch == null || batch.isEmpty()) {
            return;
        }
        for (Object r : batch) {
            if (r instanceof ReminderToSend reminder) {
                waiting.remove(reminder.reminderId()); // one that never started (split cut short) no longer holds claims back
            }
        }
        outcomes.afterWritten(stop::batchEnded);
    }

    /** Turns the claimed reminder into a camel-smpp submit with our own encoding and segments. */
    public void prepare(Exchange exchange) {
        Message in = exchange.getIn();
        ReminderToSend reminder = in.getBody(ReminderToSend.class);
        exchange.setProperty(REMINDER, reminder);
        stop.checkRunning();
        EncodedSms sms = encoder.encode(text.render(reminder), (int) reminder.reminderId());
        exchange.setProperty(ENCODING, sms.encoding().name());
        exchange.setProperty(SEGMENTS, sms.segmentCount());
        in.setHeader(SmppConstants.DEST_ADDR, reminder.phoneE164().substring(1));
        in.setHeader(SmppConstants.DEST_ADDR_TON, (byte) 1);   // international
        in.setHeader(SmppConstants.DEST_ADDR_NPI, (byte) 1);   // E.164
        in.setHeader(SmppConstants.SOURCE_ADDR, properties.senderId());
        in.setHeader(SmppConstants.SOURCE_ADDR_TON, (byte) 5); // alphanumeric
        in.setHeader(SmppConstants.SOURCE_ADDR_NPI, (byte) 0);
        in.setHeader(SmppConstants.DATA_CODING, sms.encoding().dataCoding());
        in.setHeader(SmppConstants.REGISTERED_DELIVERY, (byte) 1);
        in.setHeader(SmppConstants.DATA_SPLITTER, new PreparedSegments(sms.segments()));
        if (sms.concatenated()) {
            in.setHeader(SmppConstants.ESM_CLASS, new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI));
        }
        in.setHeader(SmppConstants.SPLITTING_POLICY, "ALLOW");
        in.setBody("reminder " + reminder.reminderId()); // the text travels in the segments, never in the body
    }

    /**
     * Takes a place in the window for this prepared reminder (waiting until a response frees one); from here on it
     * is no longer waiting to start.
     */
    public void enterWindow(Exchange exchange) throws InterruptedException {
        slots.take();
        exchange.setProperty(IN_WINDOW, Boolean.TRUE);
        ReminderToSend reminder = exchange.getProperty(REMINDER, ReminderToSend.class);
        waiting.remove(reminder.reminderId());
    }

    /** Gives the reminder's place back once its submit is answered or failed; does nothing if it held none. */
    public void leaveWindow(Exchange exchange) {
        if (exchange.removeProperty(IN_WINDOW) != null) {
            slots.give();
        }
    }

    /** Records the SMSC's message ids (one per segment). */
    @SuppressWarnings("unchecked")
    public void submitted(Exchange exchange) {
        ReminderToSend reminder = exchange.getProperty(REMINDER, ReminderToSend.class);
        List<String> ids = exchange.getMessage().getHeader(SmppConstants.ID, List.class);
        metrics.submitted(ids.size());
        outcomes.add(new SendOutcome.Submitted(reminder.reminderId(), exchange.getProperty(ENCODING, String.class), ids));
    }

    /** Holds, retries or fails the reminder depending on what went wrong. */
    public void failed(Exchange exchange) {
        ReminderToSend reminder = exchange.getProperty(REMINDER, ReminderToSend.class);
        if (reminder == null) {
            reminder = exchange.getIn().getBody(ReminderToSend.class);
        }
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (reminder == null) {
            log.error("Reminder route failed before a reminder was known: {}", SmppFailure.describe(error));
            return;
        }
        waiting.remove(reminder.reminderId()); // failed before its place in the window: it no longer holds claims back
        if (error instanceof SendingStop.Stopped) {
            outcomes.add(new SendOutcome.Held(reminder.reminderId(), "released at shutdown"));
            return;
        }
        SmppFailure kind = error instanceof IllegalArgumentException || error instanceof IllegalStateException
                ? SmppFailure.PERMANENT : SmppFailure.of(error);
        String why = SmppFailure.describe(error);
        switch (kind) {
            case HELD -> {
                outcomes.add(new SendOutcome.Held(reminder.reminderId(), "held: " + why));
                metrics.held();
            }
            case TRANSIENT -> {
                Instant next = clock.instant().plus(backoff(reminder.attempts()));
                boolean ambiguous = SmppFailure.isAmbiguous(error);
                outcomes.add(new SendOutcome.RetryLater(reminder.reminderId(), next, why, ambiguous));
                if (ambiguous) {
                    metrics.ambiguous();
                }
                metrics.retried();
                log.info("Reminder {} attempt {} failed ({}); next try at {}", reminder.reminderId(), reminder.attempts(), why, next);
            }
            case PERMANENT -> {
                outcomes.add(new SendOutcome.Failed(reminder.reminderId(), why));
                metrics.failed();
                log.warn("Reminder {} failed for good: {}", reminder.reminderId(), why);
            }
        }
    }

    /** @param attempts attempts made so far, this failed one included */
    Duration backoff(int attempts) {
        return Backoff.withJitter(properties.retryInitialDelay(), properties.retryMaxDelay(), attempts - 1);
    }
}
