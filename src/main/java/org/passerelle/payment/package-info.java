/**
 * Card payments at the cashier: the API ({@code /api/payments}, idempotency keys, one payment at a time
 * per terminal), the journal and its state machine (nothing moves backwards), the worker that sends a payment
 * once, settlement, recovery of unknown outcomes by TransactionStatus (never by resending), cancel by
 * AbortRequest, refunds by ReversalRequest, the end-of-day reconciliation and the DiagnosisRequest probe. Offers no
 * types to other packages. Depends on {@code payment.nexo}, {@code channel} (the {@code payments} gate and breaker)
 * and {@code api}.
 */
package org.passerelle.payment;
