package org.passerelle.sms;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.smpp.SmppConfiguration;
import org.apache.camel.component.smpp.SmppConnectionFactory;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.passerelle.channel.ChannelClosedException;
import org.passerelle.channel.ChannelGate;
import org.passerelle.channel.ChannelId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every socket to the SMSC is opened here, whoever asks (a route starting, a lazy producer, camel-smpp's
 * reconnect threads): none is opened while {@code sms} is isolated, and every one still open can be
 * cut at once.
 *
 * <p>A new connection is recorded before the gate is read a second time, and isolation closes the gate
 * before {@link #closeAll()} walks the record, so a connection racing an isolation is either closed
 * by {@code closeAll} or by its own second check.
 */
@Component
class SmscConnections {

    private static final Logger log = LoggerFactory.getLogger(SmscConnections.class);

    private final ChannelGate gate;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    public SmscConnections(ChannelGate gate) {
        this.gate = gate;
    }

    /** The jSMPP connection factory for one camel-smpp endpoint (its socket settings). */
    ConnectionFactory forEndpoint(SmppConfiguration configuration) {
        ConnectionFactory sockets = SmppConnectionFactory.getInstance(configuration);
        return (host, port) -> open(sockets, host, port);
    }

    private Connection open(ConnectionFactory sockets, String host, int port) throws IOException {
        refuseWhileIsolated();
        Connection connection = sockets.createConnection(host, port);
        open.add(connection);
        try {
            refuseWhileIsolated();
        } catch (IOException isolatedMeanwhile) {
            close(connection);
            throw isolatedMeanwhile;
        }
        open.removeIf(c -> !c.isOpen());
        return connection;
    }

    private void refuseWhileIsolated() throws IOException {
        if (!gate.allowsConnection(ChannelId.SMS)) {
            throw new IOException("No connection to the SMSC while sms is isolated",
                    new ChannelClosedException(ChannelId.SMS, gate.appliedState(ChannelId.SMS)));
        }
    }

    /** Closes every socket to the SMSC still open; returns how many were. */
    int closeAll() {
        int closed = 0;
        for (Connection connection : List.copyOf(open)) {
            if (connection.isOpen()) {
                closed++;
            }
            close(connection);
        }
        return closed;
    }

    /** Sockets to the SMSC open on this replica. */
    public int openCount() {
        return (int) open.stream().filter(Connection::isOpen).count();
    }

    private void close(Connection connection) {
        open.remove(connection);
        try {
            connection.close();
        } catch (IOException e) {
            log.debug("Closing an SMSC socket failed: {}", e.getClass().getSimpleName());
        }
    }
}
