package org.passerelle.payment;

import static org.passerelle.payment.PaymentState.APPROVED;
import static org.passerelle.payment.PaymentState.CANCELLED;
import static org.passerelle.payment.PaymentState.DECLINED;
import static org.passerelle.payment.PaymentState.FAILED;
import static org.passerelle.payment.PaymentState.IN_PROGRESS;
import static org.passerelle.payment.PaymentState.PARTIALLY_REFUNDED;
import static org.passerelle.payment.PaymentState.RECEIVED;
import static org.passerelle.payment.PaymentState.REFUNDED;
import static org.passerelle.payment.PaymentState.REVERSED;
import static org.passerelle.payment.PaymentState.UNKNOWN;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The only moves a payment may make. Nothing ever goes back: once APPROVED, a late or repeated
 * answer saying DECLINED cannot change it; once final, only refunds move it on.
 *
 * <pre>
 * RECEIVED ──> IN_PROGRESS ──> APPROVED | DECLINED | FAILED | CANCELLED | UNKNOWN
 *    └──> FAILED | CANCELLED          UNKNOWN ──> APPROVED | DECLINED | FAILED | CANCELLED
 * APPROVED ──> REVERSED | PARTIALLY_REFUNDED | REFUNDED;  PARTIALLY_REFUNDED ──> PARTIALLY_REFUNDED | REFUNDED
 * </pre>
 */
final class PaymentStateMachine {

    private static final Map<PaymentState, Set<PaymentState>> NEXT = new EnumMap<>(PaymentState.class);

    static {
        NEXT.put(RECEIVED, EnumSet.of(IN_PROGRESS, FAILED, CANCELLED));
        NEXT.put(IN_PROGRESS, EnumSet.of(APPROVED, DECLINED, FAILED, CANCELLED, UNKNOWN));
        NEXT.put(UNKNOWN, EnumSet.of(APPROVED, DECLINED, FAILED, CANCELLED));
        NEXT.put(APPROVED, EnumSet.of(REVERSED, PARTIALLY_REFUNDED, REFUNDED));
        NEXT.put(PARTIALLY_REFUNDED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED));
        NEXT.put(DECLINED, EnumSet.noneOf(PaymentState.class));
        NEXT.put(FAILED, EnumSet.noneOf(PaymentState.class));
        NEXT.put(CANCELLED, EnumSet.noneOf(PaymentState.class));
        NEXT.put(REVERSED, EnumSet.noneOf(PaymentState.class));
        NEXT.put(REFUNDED, EnumSet.noneOf(PaymentState.class));
    }

    private PaymentStateMachine() {
    }

    public static boolean allows(PaymentState from, PaymentState to) {
        return NEXT.get(from).contains(to);
    }

    /** Throws when a programming error asks for a move the journal must never make. */
    static void require(PaymentState from, PaymentState to) {
        if (!allows(from, to)) {
            throw new IllegalStateException("Illegal payment transition " + from + " -> " + to);
        }
    }

    /** The state after refunds: all of it back in one go is a reversal; all of it over several is a refund. */
    static PaymentState afterRefunds(long amountMinor, long refundedMinor, int succeededRefunds) {
        if (refundedMinor <= 0) {
            return APPROVED;
        }
        if (refundedMinor < amountMinor) {
            return PARTIALLY_REFUNDED;
        }
        return succeededRefunds == 1 ? REVERSED : REFUNDED;
    }
}
