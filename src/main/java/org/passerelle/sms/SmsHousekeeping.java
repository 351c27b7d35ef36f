package org.passerelle.sms;

import org.passerelle.scheduling.ReminderQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Periodic step (routes/sms-reminders.yaml): expire, recover dead claims, purge old personal data. */
@Component("smsHousekeeping")
public class SmsHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(SmsHousekeeping.class);

    private final ReminderQueue queue;
    private final SmsMetrics metrics;

    public SmsHousekeeping(ReminderQueue queue, SmsMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
    }

    public void run() {
        ReminderQueue.Housekeeping done = queue.housekeep();
        metrics.expired(done.expired());
        if (done.expired() + done.recoveredClaims() + done.purged() > 0) {
            log.info("Reminders expired: {}, claims recovered from stopped replicas: {}, appointments purged of personal data: {}",
                    done.expired(), done.recoveredClaims(), done.purged());
        }
    }
}
