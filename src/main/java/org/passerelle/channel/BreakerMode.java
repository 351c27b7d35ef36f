package org.passerelle.channel;

/** How ops steer a channel's circuit breaker; AUTO lets Resilience4j decide from failures. */
enum BreakerMode {
    AUTO, FORCED_OPEN, FORCED_CLOSED
}
