package org.passerelle.payment;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code GET /api/payments/{id}?wait=}: the answer waits until the payment is no longer pending, without
 * holding a servlet thread (Spring MVC async, a {@link DeferredResult} per waiting desk). It is answered
 * <ul>
 *   <li>at once when this replica settles the payment ({@link PaymentSignals}, after the commit);
 *   <li>within {@link PaymentSignals#RECHECK_MILLIS} when another replica does: the payments waited for here are
 *       re-read in one query per tick;
 *   <li>with the payment as it stands when the wait is over.
 * </ul>
 */
@Component
class PaymentLongPolls {

    private static final Logger log = LoggerFactory.getLogger(PaymentLongPolls.class);
    private static final int IDS_PER_QUERY = 500;

    private final PaymentQueries queries;
    private final PaymentJournal journal;
    private final PaymentSignals signals;
    private final Map<Poll, Boolean> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService recheck = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "payment-long-poll-recheck");
        t.setDaemon(true);
        return t;
    });

    PaymentLongPolls(PaymentQueries queries, PaymentJournal journal, PaymentSignals signals) {
        this.queries = queries;
        this.journal = journal;
        this.signals = signals;
        recheck.scheduleWithFixedDelay(this::recheckAll, PaymentSignals.RECHECK_MILLIS, PaymentSignals.RECHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** @throws PaymentProblems.NotFound at once (nothing is left waiting) when there is no such payment */
    DeferredResult<PaymentView> await(String id, Duration wait) {
        if (wait.isZero()) {
            DeferredResult<PaymentView> answered = new DeferredResult<>();
            answered.setResult(queries.view(journal.find(id).orElseThrow(() -> new PaymentProblems.NotFound("payment"))));
            return answered;
        }
        // watched before the one read: a payment settled after that read is signalled, one settled before is seen
        Poll poll = new Poll(id, new DeferredResult<>(wait.toMillis()));
        poll.start();
        Payment now;
        try {
            now = journal.find(id).orElseThrow(() -> new PaymentProblems.NotFound("payment"));
        } catch (RuntimeException e) {
            poll.forget();
            throw e;
        }
        if (!now.state().isPending()) {
            poll.answer(now);
        }
        return poll.result;
    }

    /** Long polls waiting on this replica. */
    int waiting() {
        return waiting.size();
    }

    /** Changes committed by other replicas: one query for every payment waited for here. */
    private void recheckAll() {
        try {
            if (waiting.isEmpty()) {
                return;
            }
            Map<String, List<Poll>> byId = new java.util.HashMap<>();
            waiting.keySet().forEach(p -> byId.computeIfAbsent(p.id, k -> new ArrayList<>()).add(p));
            List<String> ids = new ArrayList<>(byId.keySet());
            for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
                for (String settled : journal.settledAmong(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))) {
                    byId.get(settled).forEach(Poll::check);
                }
            }
        } catch (RuntimeException e) { // the next tick tries again; the timeout answers in any case
            log.warn("Re-reading the payments waited for failed ({})", e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void stop() {
        recheck.shutdownNow();
    }

    /**
     * One waiting desk. Its answer may be given by the signal, the recheck tick or the end of the wait, on three
     * threads at once; {@link DeferredResult#setResult} takes the first and refuses the others, so each answer is
     * read first and then offered. (A flag set before the read once let the wait's end find the answer "being
     * given" and give none: Spring then answered 503.)
     */
    private final class Poll {
        final String id;
        final DeferredResult<PaymentView> result;
        private volatile AutoCloseable watch;

        Poll(String id, DeferredResult<PaymentView> result) {
            this.id = id;
            this.result = result;
        }

        void start() {
            result.onTimeout(this::answerAsItStands);
            result.onCompletion(this::forget);
            result.onError(e -> forget());
            waiting.put(this, Boolean.TRUE);
            watch = signals.watch(id, this::check);
        }

        /** Answers if the payment is no longer pending. */
        void check() {
            if (result.isSetOrExpired()) {
                return;
            }
            journal.find(id).filter(p -> !p.state().isPending()).ifPresent(this::answer);
        }

        private void answerAsItStands() {
            try {
                journal.find(id).ifPresent(this::answer);
            } catch (RuntimeException e) {
                result.setErrorResult(e);
            }
        }

        private void answer(Payment p) {
            PaymentView view;
            try {
                view = queries.view(p);
            } catch (RuntimeException e) {
                result.setErrorResult(e);
                return;
            }
            if (result.setResult(view)) {
                forget();
            }
        }

        private void forget() {
            waiting.remove(this);
            AutoCloseable w = watch;
            if (w != null) {
                try {
                    w.close();
                } catch (Exception ignored) {
                    // removing a map entry does not fail
                }
            }
        }
    }
}
