package org.apache.camel.component.smpp;

import org.jsmpp.DefaultPDUReader;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.util.DefaultComposer;

/**
 * camel-smpp's producer, opening its sockets through the given jSMPP {@link ConnectionFactory}.
 *
 * <p>camel-smpp 4.17 hard-wires its own connection factory; the package-private
 * {@code createSMPPSession()} is its only seam, hence this class in camel-smpp's package. Every
 * session it creates, the first bind as well as those of its reconnect thread, goes through it.
 */
public class ConnectionFactorySmppProducer extends SmppProducer {

    private final ConnectionFactory connections;

    public ConnectionFactorySmppProducer(SmppEndpoint endpoint, SmppConfiguration config, ConnectionFactory connections) {
        super(endpoint, config);
        this.connections = connections;
    }

    @Override
    SMPPSession createSMPPSession() {
        return new SMPPSession(new SynchronizedPDUSender(new DefaultPDUSender(new DefaultComposer())),
                new DefaultPDUReader(), connections);
    }
}
