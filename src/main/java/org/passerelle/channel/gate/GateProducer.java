package org.passerelle.channel.gate;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.service.ServiceHelper;
import org.passerelle.channel.ChannelClosedException;
import org.passerelle.channel.ChannelGate;
import org.passerelle.channel.ChannelId;

/** Admits the call at the gate, then hands the exchange to the wrapped producer; the admission ends with the call. */
class GateProducer extends DefaultAsyncProducer {

    private final ChannelGate gate;
    private final ChannelId channel;
    private final boolean followUp;
    private final AsyncProducer delegate;

    GateProducer(GateEndpoint endpoint, ChannelGate gate, ChannelId channel, boolean followUp, AsyncProducer delegate) {
        super(endpoint);
        this.gate = gate;
        this.channel = channel;
        this.followUp = followUp;
        this.delegate = delegate;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        ChannelGate.Admission admission;
        try {
            admission = followUp ? gate.enterForFollowUp(channel) : gate.enter(channel);
        } catch (ChannelClosedException closed) {
            exchange.setException(closed);
            callback.done(true);
            return true;
        }
        try {
            return delegate.process(exchange, doneSync -> {
                admission.close();
                callback.done(doneSync);
            });
        } catch (Throwable t) {
            admission.close();
            exchange.setException(t);
            callback.done(true);
            return true;
        }
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(delegate);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(delegate);
    }
}
