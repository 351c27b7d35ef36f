package org.passerelle.scheduling.hl7.mllp;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.component.mllp.MllpTcpServerConsumer;
import org.apache.camel.component.mllp.internal.TcpSocketConsumerRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-mllp's server consumer with Passerelle's corrections for Camel 4.17, all at the socket edge:
 * <ol>
 *   <li>every accepted connection first passes the {@link ListenerGuard} (allowlist, connection limit; a
 *       refused one is closed on the accept thread before anything is read), then is read through a
 *       {@link FrameAlignedSocket}, so messages pipelined in one TCP read are all received and acknowledged
 *       (CAMEL-24668 drops all but the first), idle and stalled connections are closed, and a frame longer
 *       than the limit is cut and reaches the route with the {@link PipelinedMllpComponent#FRAME_TOO_LONG}
 *       header;
 *   <li>a frame shorter than 4 bytes is padded with spaces before it enters the route: camel-mllp reads
 *       byte 3 of the received message (the MSH field separator) while sending the ACK and, on a shorter
 *       one, fails with ArrayIndexOutOfBoundsException and resets the connection instead of answering.
 *       Such a frame cannot be HL7 ("MSH|" alone is 4 bytes) and still gets its AR from the route.
 * </ol>
 * Reading frames and writing ACKs are camel-mllp's own.
 */
class PipelinedMllpConsumer extends MllpTcpServerConsumer {

    private static final Logger log = LoggerFactory.getLogger(PipelinedMllpConsumer.class);
    private static final int SHORTEST_SAFE_PAYLOAD = 4;
    /** Set on the consumer thread around {@code super.processMessage}, read when it creates the exchange. */
    private static final ThreadLocal<Boolean> FRAME_CUT = new ThreadLocal<>();

    private final ListenerGuard guard;

    PipelinedMllpConsumer(MllpEndpoint endpoint, Processor processor, ListenerGuard guard) {
        super(endpoint, processor);
        this.guard = guard;
    }

    @Override
    protected void doStart() throws Exception {
        guard.start();
        super.doStart();
    }

    @Override
    public void startAcceptThread(ServerSocket serverSocket) {
        guard.listening(serverSocket);
        super.startAcceptThread(serverSocket);
    }

    @Override
    public void validateConsumer(Socket clientSocket) {
        if (clientSocket instanceof FrameAlignedSocket) {
            super.validateConsumer(clientSocket);
            return;
        }
        FrameAlignedSocket admitted = guard.admit(clientSocket);
        if (admitted != null) {
            super.validateConsumer(admitted);
        }
    }

    @Override
    public void processMessage(byte[] hl7MessageBytes, TcpSocketConsumerRunnable consumerRunnable) {
        boolean cut = false;
        if (consumerRunnable.getSocket() instanceof FrameAlignedSocket s) {
            long ignored = s.takeDiscardedBytes();
            if (ignored > 0) {
                log.warn("MLLP {}: ignored {} bytes received outside MLLP frames", s.getRemoteSocketAddress(), ignored);
            }
            cut = s.takeFrameTooLong();
        }
        byte[] payload = hl7MessageBytes == null ? new byte[0] : hl7MessageBytes;
        if (payload.length < SHORTEST_SAFE_PAYLOAD) {
            byte[] padded = Arrays.copyOf(payload, SHORTEST_SAFE_PAYLOAD);
            Arrays.fill(padded, payload.length, SHORTEST_SAFE_PAYLOAD, (byte) ' ');
            payload = padded;
        }
        FRAME_CUT.set(cut);
        try {
            super.processMessage(payload, consumerRunnable);
        } finally {
            FRAME_CUT.remove();
        }
    }

    @Override
    public Exchange createExchange(boolean autoRelease) {
        Exchange exchange = super.createExchange(autoRelease);
        if (Boolean.TRUE.equals(FRAME_CUT.get())) {
            exchange.getIn().setHeader(PipelinedMllpComponent.FRAME_TOO_LONG, guard.limits().maxFrameBytes());
        }
        return exchange;
    }
}
