package org.passerelle.testsupport.smsc;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What {@link TestSmsc} answers to the next submit_sm. Checked in this order:
 * <ol>
 *   <li>{@code dropResponses(true)}: no submit_sm_resp at all;</li>
 *   <li>one-shot statuses queued by {@code respondWith(status, times)}, oldest first;</li>
 *   <li>the throttle: more than {@code limit} submits in the current window get ESME_RTHROTTLED;</li>
 *   <li>the standing status set by {@code respondWith(status)} (0 at first).</li>
 * </ol>
 */
final class ResponsePlan {

    static final int ESME_RTHROTTLED = 0x58;

    private int standingStatus;
    private final Deque<int[]> oneShots = new ArrayDeque<>();
    private boolean drop;
    private int throttleLimit = -1;
    private long throttleWindowNanos = Duration.ofSeconds(1).toNanos();
    private long windowStart;
    private int inWindow;

    synchronized void always(int status) {
        standingStatus = status;
    }

    synchronized void next(int status, int times) {
        if (times > 0) {
            oneShots.addLast(new int[] {status, times});
        }
    }

    synchronized void drop(boolean drop) {
        this.drop = drop;
    }

    synchronized void throttle(int limit, Duration window) {
        this.throttleLimit = limit;
        this.throttleWindowNanos = window.toNanos();
        this.windowStart = System.nanoTime();
        this.inWindow = 0;
    }

    synchronized void reset() {
        standingStatus = 0;
        oneShots.clear();
        drop = false;
        throttleLimit = -1;
    }

    /** The status to answer with, or {@link ReceivedSubmit#NO_RESPONSE}. */
    synchronized int decide() {
        if (drop) {
            return ReceivedSubmit.NO_RESPONSE;
        }
        int[] head = oneShots.peekFirst();
        if (head != null) {
            if (--head[1] == 0) {
                oneShots.removeFirst();
            }
            return head[0];
        }
        if (throttleLimit >= 0) {
            long now = System.nanoTime();
            if (now - windowStart >= throttleWindowNanos) {
                windowStart = now;
                inWindow = 0;
            }
            if (++inWindow > throttleLimit) {
                return ESME_RTHROTTLED;
            }
        }
        return standingStatus;
    }
}
