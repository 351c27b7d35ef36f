-- The payment journal's history is append-only at the database too.
create trigger payment_event_no_update before update on payment_event
    for each row call "org.passerelle.payment.PaymentEventAppendOnly";
create trigger payment_event_no_delete before delete on payment_event
    for each row call "org.passerelle.payment.PaymentEventAppendOnly";
