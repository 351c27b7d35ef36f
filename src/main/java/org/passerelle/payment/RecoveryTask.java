package org.passerelle.payment;

import java.time.Instant;

/** A payment or refund whose outcome we still owe ourselves. */
record RecoveryTask(String targetId, Kind kind, String paymentId, Instant nextAttemptAt, int attempts,
                    Instant notFoundDeadline, Instant humanAfter) {

    enum Kind { PAYMENT, REFUND }
}
