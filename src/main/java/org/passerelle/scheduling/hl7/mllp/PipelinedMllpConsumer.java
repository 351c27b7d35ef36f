package org.passerelle.scheduling.hl7.mllp;

import java.net.Socket;
import java.util.Arrays;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.component.mllp.MllpTcpServerConsumer;
import org.apache.camel.component.mllp.internal.TcpSocketConsumerRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-mllp's server consumer with two fixes for Camel 4.17, both at the socket edge:
 * <ol>
 *   <li>every accepted connection is read through a {@link FrameAlignedSocket}, so messages pipelined in
 *       one TCP read are all received and acknowledged (CAMEL-24668 drops all but the first);
 *   <li>a frame shorter than 4 bytes is padded with spaces before it enters the route: camel-mllp reads
 *       byte 3 of the received message (the MSH field separator) while sending the ACK and, on a shorter
 *       one, fails with ArrayIndexOutOfBoundsException and resets the connection instead of answering.
 *       Such a frame cannot be HL7 ("MSH|" alone is 4 bytes) and still gets its AR from the route.
 * </ol>
 * Nothing else changes: reading, timeouts and ACK writing are camel-mllp's own.
 */
class PipelinedMllpConsumer extends MllpTcpServerConsumer {

    private static final Logger log = LoggerFactory.getLogger(PipelinedMllpConsumer.class);
    private static final int SHORTEST_SAFE_PAYLOAD = 4;

    public PipelinedMllpConsumer(MllpEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public void validateConsumer(Socket clientSocket) {
        super.validateConsumer(clientSocket instanceof FrameAlignedSocket ? clientSocket : new FrameAlignedSocket(clientSocket));
    }

    @Override
    public void processMessage(byte[] hl7MessageBytes, TcpSocketConsumerRunnable consumerRunnable) {
        if (consumerRunnable.getSocket() instanceof FrameAlignedSocket s) {
            long ignored = s.takeDiscardedBytes();
            if (ignored > 0) {
                log.warn("MLLP {}: ignored {} bytes received outside MLLP frames", s.getRemoteSocketAddress(), ignored);
            }
        }
        byte[] payload = hl7MessageBytes == null ? new byte[0] : hl7MessageBytes;
        if (payload.length < SHORTEST_SAFE_PAYLOAD) {
            byte[] padded = Arrays.copyOf(payload, SHORTEST_SAFE_PAYLOAD);
            Arrays.fill(padded, payload.length, SHORTEST_SAFE_PAYLOAD, (byte) ' ');
            payload = padded;
        }
        super.processMessage(payload, consumerRunnable);
    }
}
