package org.apache.camel.component.smpp;

import org.apache.camel.Processor;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.util.DefaultComposer;

/**
 * camel-smpp's consumer, opening its sockets through the given jSMPP {@link ConnectionFactory}
 * (see {@link ConnectionFactorySmppProducer} for why this class lives in camel-smpp's package).
 */
public class ConnectionFactorySmppConsumer extends SmppConsumer {

    private final ConnectionFactory connections;

    public ConnectionFactorySmppConsumer(SmppEndpoint endpoint, SmppConfiguration config, Processor processor,
                                         ConnectionFactory connections) {
        super(endpoint, config, processor);
        this.connections = connections;
    }

    @Override
    SMPPSession createSMPPSession() {
        return new SMPPSession(new SynchronizedPDUSender(new DefaultPDUSender(new DefaultComposer())),
                new DefaultPDUReader(), connections);
    }
}
