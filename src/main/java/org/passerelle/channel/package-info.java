/**
 * The control plane of the outside channels ({@code sms}, {@code payments}, {@code scheduling}): desired state
 * (ACTIVE, SUSPENDED, ISOLATED during an incident) and breaker mode persisted with an append-only audit, applied on
 * every replica by the reconciler; the Resilience4j circuit breakers (beans {@code smsBreaker}, {@code paymentsBreaker});
 * the in-memory gate every outbound call passes; REST {@code /api/channels}, {@code /api/incident}, {@code /api/audit}.
 * Offers other packages {@link org.passerelle.channel.ChannelId}, {@link org.passerelle.channel.ChannelGate},
 * {@link org.passerelle.channel.ChannelCalls} (it makes no calls: every call leaves through a route; it offers
 * {@code acceptsNewWork} and {@code refusedBeforeSending}), {@link org.passerelle.channel.ChannelClosedException},
 * {@link org.passerelle.channel.BreakerOpenException}, {@link org.passerelle.channel.BreakerFailureClassifier} and
 * the {@link org.passerelle.channel.ChannelStateApplied} event; {@link org.passerelle.channel.ChannelProperties} is
 * public for the configuration tests. Depends on {@code api} only.
 */
package org.passerelle.channel;
