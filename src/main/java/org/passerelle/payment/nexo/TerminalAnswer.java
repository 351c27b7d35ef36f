package org.passerelle.payment.nexo;

/**
 * A PaymentResponse or ReversalResponse reduced to what we keep, already cleaned by {@link CardFields}.
 * {@code reason} is our own wording (never text copied from the backend).
 */
public record TerminalAnswer(
        Verdict verdict,
        String errorCondition,
        String cardScheme,
        String maskedPan,
        String authCode,
        String poiTransactionId,
        String poiTransactionTime,
        String reason) {

    static TerminalAnswer of(Verdict verdict, String errorCondition, String reason) {
        return new TerminalAnswer(verdict, errorCondition, null, null, null, null, null, reason);
    }
}
