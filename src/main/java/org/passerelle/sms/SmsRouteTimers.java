package org.passerelle.sms;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The typed {@code passerelle.sms.poll-interval} and {@code housekeeping-interval}, handed to the timers
 * of routes/sms-reminders.yaml as {@code period: "#bean:..."} (Camel's timer period is a long in ms).
 */
@Configuration(proxyBeanMethods = false)
class SmsRouteTimers {

    @Bean
    Long smsPollPeriodMillis(SmsProperties properties) {
        return properties.pollInterval().toMillis();
    }

    @Bean
    Long smsHousekeepingPeriodMillis(SmsProperties properties) {
        return properties.housekeepingInterval().toMillis();
    }
}
