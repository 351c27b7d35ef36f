package org.passerelle.channel.gate;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.passerelle.channel.ChannelGate;
import org.passerelle.channel.ChannelId;
import org.springframework.stereotype.Component;

/**
 * Camel component {@code gate:<channel>:[follow-up:]<endpoint uri>}: sends to the wrapped endpoint only after
 * the channel gate admitted the call, in the same thread, right before the wrapped producer runs. Example:
 * {@code to: "gate:sms:smsc:transmitter"} or {@code to: "gate:payments:follow-up:ref:terminalBackendShort"}. A closed gate fails the exchange with
 * {@link org.passerelle.channel.ChannelClosedException} and nothing is sent.
 *
 * <p>New work passes only while the channel is ACTIVE. {@code follow-up:} marks traffic about work already
 * started (a payment status inquiry, an abort of an open card prompt): it also passes while the channel is
 * SUSPENDED, and never while it is ISOLATED.
 */
@Component("gate")
class GateComponent extends DefaultComponent {

    private static final String FOLLOW_UP = "follow-up:";

    private final ChannelGate gate;

    public GateComponent(ChannelGate gate) {
        this.gate = gate;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String rest = uri.substring(uri.indexOf(':') + 1);
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        int colon = rest.indexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            throw new IllegalArgumentException("Expected gate:<channel>:<endpoint uri>, got " + uri);
        }
        ChannelId channel = ChannelId.fromId(rest.substring(0, colon));
        String delegateUri = rest.substring(colon + 1);
        boolean followUp = delegateUri.startsWith(FOLLOW_UP);
        if (followUp) {
            delegateUri = delegateUri.substring(FOLLOW_UP.length());
        }
        parameters.clear(); // they belong to the wrapped endpoint's URI, kept whole above
        Endpoint delegate = getCamelContext().getEndpoint(delegateUri);
        return new GateEndpoint(uri, this, gate, channel, followUp, delegate);
    }

    @Override
    public boolean useRawUri() {
        return true;
    }
}
