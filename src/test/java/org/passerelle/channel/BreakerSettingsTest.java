package org.passerelle.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.BoundProperties;

class BreakerSettingsTest {

    @Test
    void theDefaultsOfAnUnconfiguredChannelAreTheBoundDefaults() {
        ChannelProperties bound = BoundProperties.bind(ChannelProperties.class, Map.of("breakers.sms.sliding-window-size", "20"));
        assertThat(bound.breaker(ChannelId.SMS)).isEqualTo(BreakerSettings.defaults());
        assertThat(bound.breaker(ChannelId.PAYMENTS)).isEqualTo(BreakerSettings.defaults());
    }

    @Test
    void aPartlyConfiguredBreakerKeepsTheOtherDefaults() {
        ChannelProperties bound = BoundProperties.bind(ChannelProperties.class, Map.of("breakers.payments.wait-in-open-state", "1m"));
        assertThat(bound.breaker(ChannelId.PAYMENTS).waitInOpenState()).isEqualTo(Duration.ofMinutes(1));
        assertThat(bound.breaker(ChannelId.PAYMENTS).slowCallDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(bound.breakers()).containsOnlyKeys("payments");
    }
}
