package org.passerelle.payment;

import java.time.Duration;
import org.springframework.stereotype.Service;

/** Reads payments for the API, including the long poll that waits for an outcome. */
@Service
class PaymentQueries {

    private final PaymentJournal journal;
    private final RefundJournal refunds;
    private final PaymentSignals signals;

    PaymentQueries(PaymentJournal journal, RefundJournal refunds, PaymentSignals signals) {
        this.journal = journal;
        this.refunds = refunds;
        this.signals = signals;
    }

    public PaymentView view(String id) {
        return view(journal.find(id).orElseThrow(() -> new PaymentProblems.NotFound("payment")));
    }

    PaymentView view(Payment p) {
        return PaymentView.of(p, refunds.ofPayment(p.id()), journal.events(p.id()));
    }

    /** Waits until the payment leaves RECEIVED / IN_PROGRESS / UNKNOWN, or until {@code wait} is over. */
    public PaymentView await(String id, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        long seen = signals.version();
        Payment p = journal.find(id).orElseThrow(() -> new PaymentProblems.NotFound("payment"));
        try {
            while (p.state().isPending()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                signals.awaitChange(seen, left);
                seen = signals.version();
                p = journal.find(id).orElseThrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return view(p);
    }
}
