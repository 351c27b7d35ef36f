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

    /** The same answer, told by a TransactionStatus inquiry (the journal says so). */
    public TerminalAnswer viaTransactionStatus() {
        return new TerminalAnswer(verdict, errorCondition, cardScheme, maskedPan, authCode, poiTransactionId,
                poiTransactionTime, reason + " (told by TransactionStatus)");
    }
}
