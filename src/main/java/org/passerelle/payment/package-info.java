/**
 * Card payments at the cashier: the API ({@code /api/payments}, idempotency keys, one payment at a time
 * per terminal), the journal and its state machine (nothing moves backwards), every request to the backend handed
 * to its route in {@code routes/payments.yaml} ({@code TerminalBackend}), the camel-http endpoints
 * {@code terminalBackendPayment|Short|Reversal} with their shared connection pool, retries and redirects off and the
 * API key added by the client ({@code PaymentConfiguration}), the worker of {@code routes/payment-jobs.yaml} that
 * sends a payment once and gives payments at the terminal {@code shutdown-grace} on shutdown, settlement, recovery
 * of unknown outcomes by TransactionStatus (never by resending; inquiries on the {@code paymentInquiries} pool),
 * cancel by AbortRequest, refunds by ReversalRequest, the end-of-day reconciliation, the DiagnosisRequest probe, and
 * the cashier screen ({@code /cashier}: {@code CashierScreen}, a client of the same services under a session-held
 * Idempotency-Key).
 * Offers {@code PaymentWorker}, {@code PaymentRecovery} and {@code PaymentBackendProbe}, public only because routes
 * call them by name, and {@code PaymentFigures} (read-only counts, to the ops console); no other types to other
 * packages. Depends on {@code payment.nexo}, {@code channel} (the
 * {@code payments} gate and breaker), {@code privacy} ({@code Digests}), {@code retry} and {@code api}.
 */
package org.passerelle.payment;
