package org.passerelle.channel;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Publishes the channel breakers as beans so Camel routes reference them by name. */
@Configuration(proxyBeanMethods = false)
class ChannelBreakerConfiguration {

    @Bean
    ChannelBreakers channelBreakers(ChannelProperties properties, Clock clock, MeterRegistry meters,
                                    List<BreakerFailureClassifier> classifiers) {
        ChannelBreakers breakers = new ChannelBreakers(properties, clock, classifiers);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers.registry()).bindTo(meters);
        return breakers;
    }

    /** Referenced from routes as {@code circuitBreaker: smsBreaker}. */
    @Bean
    CircuitBreaker smsBreaker(ChannelBreakers breakers) {
        return breakers.breaker(ChannelId.SMS);
    }

    /** Referenced from routes as {@code circuitBreaker: paymentsBreaker}. */
    @Bean
    CircuitBreaker paymentsBreaker(ChannelBreakers breakers) {
        return breakers.breaker(ChannelId.PAYMENTS);
    }
}
