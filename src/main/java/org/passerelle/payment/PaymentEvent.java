package org.passerelle.payment;

import java.time.Instant;

/** One entry of a payment's history; {@code from} is null for the first one. */
record PaymentEvent(long seq, PaymentState from, PaymentState to, Instant at, String detail) {
}
