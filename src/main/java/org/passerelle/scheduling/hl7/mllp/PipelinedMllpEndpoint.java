package org.passerelle.scheduling.hl7.mllp;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.component.mllp.MllpEndpoint;

/**
 * An {@code mllp:} endpoint whose consumer is the {@link PipelinedMllpConsumer}, guarded by the component's
 * {@link ListenerGuard}; producers are unchanged.
 */
class PipelinedMllpEndpoint extends MllpEndpoint {

    /** Room above the connection limit in camel-mllp's pool, for threads still returning from a closed connection. */
    private static final int THREAD_HEADROOM = 16;
    /** camel-mllp's buffer may exceed the payload by the framing and one read. */
    private static final int BUFFER_HEADROOM = 64 * 1024;

    private final ListenerGuard guard;

    PipelinedMllpEndpoint(String uri, MllpComponent component, MllpConfiguration configuration, ListenerGuard guard) {
        super(uri, component, configuration);
        this.guard = guard;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ListenerLimits limits = guard.limits();
        MllpConfiguration c = getConfiguration();
        // The guard holds the limit; camel-mllp's pool (sized when the consumer is built) must never be the one
        // refusing, or it would reset an admitted connection without a word.
        c.setMaxConcurrentConsumers(2 * limits.maxConnections() + THREAD_HEADROOM);
        // camel-mllp's accept backlog is 5: a burst of senders (after a network cut) would wait for the kernel's
        // SYN-ACK retransmissions, seconds each, before being accepted at all
        c.setBacklog(Math.max(50, limits.maxConnections()));
        c.setMaxBufferSize((int) Math.min(Integer.MAX_VALUE, (long) limits.maxFrameBytes() + BUFFER_HEADROOM));
        // camel-mllp's own read timeout stays behind the guard's, which closes a stalled frame first (and counts it)
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, 2L * limits.readTimeoutMillis()));
        c.setIdleTimeout(null); // the guard's watchdog closes idle connections, outside-frame bytes included
        Consumer consumer = new PipelinedMllpConsumer(this, processor, guard);
        configureConsumer(consumer);
        return consumer;
    }
}
