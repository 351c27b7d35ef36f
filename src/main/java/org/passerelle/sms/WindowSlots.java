package org.passerelle.sms;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The {@code passerelle.sms.window} places of the submit window: a reminder takes one before its tokens and
 * its submit and gives it back once the submit_sm_resp (or the error) is back. The window has twice as many
 * threads as places ({@link SubmitWindow}), so the next reminders are already prepared (text rendered and
 * encoded) when a response frees a place, and a response is followed by the next submit at once instead of
 * by the work of preparing it.
 */
@Component
class WindowSlots {

    private static final long WAKE_MILLIS = 20;

    private final Semaphore places;
    private final SendingStop stop;

    WindowSlots(SmsProperties properties, SendingStop stop) {
        this.places = new Semaphore(properties.window(), true);
        this.stop = stop;
    }

    /** Waits for a place; once shutdown began it stops waiting and throws {@link SendingStop.Stopped}. */
    void take() throws InterruptedException {
        while (!places.tryAcquire(WAKE_MILLIS, TimeUnit.MILLISECONDS)) {
            stop.checkRunning();
        }
    }

    void give() {
        places.release();
    }

    /** Places free now (for tests and metrics). */
    int free() {
        return places.availablePermits();
    }
}
