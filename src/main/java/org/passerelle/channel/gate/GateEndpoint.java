package org.passerelle.channel.gate;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.passerelle.channel.ChannelGate;
import org.passerelle.channel.ChannelId;

/** Producer-only endpoint that puts the channel gate in front of another endpoint. */
class GateEndpoint extends DefaultEndpoint {

    private final ChannelGate gate;
    private final ChannelId channel;
    private final boolean followUp;
    private final Endpoint delegate;

    GateEndpoint(String uri, GateComponent component, ChannelGate gate, ChannelId channel, boolean followUp,
                 Endpoint delegate) {
        super(uri, component);
        this.gate = gate;
        this.channel = channel;
        this.followUp = followUp;
        this.delegate = delegate;
    }

    @Override
    public Producer createProducer() throws Exception {
        return new GateProducer(this, gate, channel, followUp, delegate.createAsyncProducer());
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("gate: is for sending only; consume from the wrapped endpoint itself");
    }

    @Override
    public boolean isRemote() {
        return delegate.isRemote();
    }

    public ChannelId channel() {
        return channel;
    }

    /** True for traffic about work already started, allowed while the channel is suspended. */
    public boolean followUp() {
        return followUp;
    }
}
