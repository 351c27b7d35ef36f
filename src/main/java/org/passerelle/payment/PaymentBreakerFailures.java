package org.passerelle.payment;

import org.passerelle.channel.BreakerFailureClassifier;
import org.passerelle.channel.ChannelId;
import org.passerelle.payment.nexo.NexoTransportFailures;
import org.passerelle.payment.nexo.TerminalBackendException;
import org.springframework.stereotype.Component;

/**
 * Only backend trouble (timeouts, dropped connections, 5xx, unreadable answers, refused credentials)
 * opens the payments breaker, whether raised as an I/O error by camel-http or read from the answer (Camel
 * wraps both). A declined card is a normal answer and never reaches here as an error.
 */
@Component
class PaymentBreakerFailures implements BreakerFailureClassifier {

    @Override
    public ChannelId channel() {
        return ChannelId.PAYMENTS;
    }

    @Override
    public boolean isOutsideServiceFailure(Throwable error) {
        TerminalBackendException backend = NexoTransportFailures.of(error, 0);
        return backend != null && backend.isBackendTrouble();
    }
}
