package org.passerelle.sms;

import org.passerelle.channel.BreakerFailureClassifier;
import org.passerelle.channel.ChannelId;
import org.springframework.stereotype.Component;

/** Only SMSC trouble (connection, timeouts, throttling) opens the sms breaker; a refused number does not. */
@Component
class SmsBreakerFailures implements BreakerFailureClassifier {

    @Override
    public ChannelId channel() {
        return ChannelId.SMS;
    }

    @Override
    public boolean isOutsideServiceFailure(Throwable error) {
        return SmppFailure.isSmscFailure(error);
    }
}
