package org.passerelle.payment;

import org.passerelle.channel.BreakerFailureClassifier;
import org.passerelle.channel.ChannelId;
import org.passerelle.payment.nexo.TerminalBackendException;
import org.springframework.stereotype.Component;

/**
 * Only backend trouble (timeouts, dropped connections, 5xx, unreadable answers, refused credentials)
 * opens the payments breaker. A declined card is a normal answer and never reaches here as an error.
 */
@Component
class PaymentBreakerFailures implements BreakerFailureClassifier {

    @Override
    public ChannelId channel() {
        return ChannelId.PAYMENTS;
    }

    @Override
    public boolean isOutsideServiceFailure(Throwable error) {
        return error instanceof TerminalBackendException e && e.isBackendTrouble();
    }
}
