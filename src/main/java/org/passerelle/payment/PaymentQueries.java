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

    /**
     * A payment just accepted, as {@link PaymentJournal#insert} wrote it in the transaction that just committed:
     * no refund yet and one event, its acceptance; nothing is read back (the view shows no event sequence number).
     */
    PaymentView viewOfNew(Payment p) {
        return PaymentView.of(p, java.util.List.of(),
                java.util.List.of(new PaymentEvent(0, null, p.state(), p.createdAt(), PaymentJournal.ACCEPTED)));
    }

    PaymentView view(Payment p) {
        return PaymentView.of(p, refunds.ofPayment(p.id()), journal.events(p.id()));
    }
}
