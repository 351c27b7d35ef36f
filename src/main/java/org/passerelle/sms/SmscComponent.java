package org.passerelle.sms;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.component.smpp.SmppConfiguration;
import org.apache.camel.support.DefaultComponent;
import org.springframework.stereotype.Component;

/**
 * Camel component {@code smsc:receiver} / {@code smsc:transmitter}: the one SMSC of
 * {@code passerelle.sms.smsc.*}, configured here from typed properties instead of in endpoint URIs (so
 * the password is in no URI, hence in no route dump or log). The transmitter binds lazily, on the first
 * submit, which passes the {@code sms} gate first.
 */
@Component("smsc")
class SmscComponent extends DefaultComponent {

    static final String SYSTEM_TYPE = "passerelle";

    private final SmsProperties.Smsc smsc;
    private final SmscConnections connections;

    public SmscComponent(SmsProperties properties, SmscConnections connections) {
        this.smsc = properties.smsc();
        this.connections = connections;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (!parameters.isEmpty()) {
            throw new IllegalArgumentException("smsc: endpoints take no options (configure passerelle.sms.smsc.*), got "
                    + parameters.keySet());
        }
        SmppConfiguration configuration = configuration();
        switch (remaining) {
            case "transmitter" -> configuration.setLazySessionCreation(true);
            case "receiver" -> { }
            default -> throw new IllegalArgumentException("Expected smsc:receiver or smsc:transmitter, got " + uri);
        }
        return new SmscEndpoint(uri, this, configuration, connections);
    }

    private SmppConfiguration configuration() {
        SmppConfiguration c = new SmppConfiguration();
        c.setHost(smsc.host());
        c.setPort(smsc.port());
        c.setSystemId(smsc.systemId());
        c.setPassword(smsc.password());
        c.setSystemType(SYSTEM_TYPE);
        c.setInitialReconnectDelay(smsc.reconnectDelay().toMillis());
        c.setReconnectDelay(smsc.reconnectDelay().toMillis());
        c.setEnquireLinkTimer(Math.toIntExact(smsc.enquireLink().toMillis()));
        c.setTransactionTimer(Math.toIntExact(smsc.transactionTimeout().toMillis()));
        return c;
    }
}
