package org.passerelle.payment;

import org.springframework.stereotype.Service;

/** Reads payments for the API (the long poll that waits for an outcome: {@link PaymentLongPolls}). */
@Service
class PaymentQueries {

    private final PaymentJournal journal;
    private final RefundJournal refunds;

    PaymentQueries(PaymentJournal journal, RefundJournal refunds) {
        this.journal = journal;
        this.refunds = refunds;
    }

    public PaymentView view(String id) {
        return view(journal.find(id).orElseThrow(() -> new PaymentProblems.NotFound("payment")));
    }

    /** A payment just accepted: no refund can exist yet, only its events are read. */
    PaymentView viewOfNew(Payment p) {
        return PaymentView.of(p, java.util.List.of(), journal.events(p.id()));
    }

    PaymentView view(Payment p) {
        return PaymentView.of(p, refunds.ofPayment(p.id()), journal.events(p.id()));
    }
}
