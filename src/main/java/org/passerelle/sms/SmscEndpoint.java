package org.passerelle.sms;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.smpp.ConnectionFactorySmppConsumer;
import org.apache.camel.component.smpp.ConnectionFactorySmppProducer;
import org.apache.camel.component.smpp.SmppConfiguration;
import org.apache.camel.component.smpp.SmppEndpoint;

/** A camel-smpp endpoint whose sockets, and those of its reconnects, are opened by {@link SmscConnections}. */
class SmscEndpoint extends SmppEndpoint {

    private final SmscConnections connections;

    SmscEndpoint(String uri, SmscComponent component, SmppConfiguration configuration, SmscConnections connections) {
        super(uri, component, configuration);
        this.connections = connections;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        FreshSmppConsumer consumer = new FreshSmppConsumer(this, processor, () -> {
            Consumer smpp = new ConnectionFactorySmppConsumer(this, getConfiguration(), processor,
                    connections.forEndpoint(getConfiguration()));
            try {
                configureConsumer(smpp);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return smpp;
        });
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        return new FreshSmppProducer(this,
                () -> new ConnectionFactorySmppProducer(this, getConfiguration(), connections.forEndpoint(getConfiguration())));
    }
}
