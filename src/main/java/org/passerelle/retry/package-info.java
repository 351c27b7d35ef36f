/**
 * The one retry delay of Passerelle: {@link org.passerelle.retry.Backoff#withJitter}, exponential from an initial
 * delay, capped, with ±20 % jitter, used by SMS retries after a transient SMPP error and by the TransactionStatus
 * inquiries of payment recovery. Offers {@link org.passerelle.retry.Backoff}. Depends on no Passerelle package.
 */
package org.passerelle.retry;
