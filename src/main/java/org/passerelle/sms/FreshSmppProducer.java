package org.passerelle.sms;

import java.util.function.Supplier;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.service.ServiceHelper;

/** A new camel-smpp producer at every start, for the reason given in {@link FreshSmppConsumer}. */
final class FreshSmppProducer extends DefaultProducer {

    private final Supplier<Producer> newProducer;
    private volatile Producer current;

    FreshSmppProducer(Endpoint endpoint, Supplier<Producer> newProducer) {
        super(endpoint);
        this.newProducer = newProducer;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Producer producer = current;
        if (producer == null) {
            throw new IllegalStateException("SMPP producer not started");
        }
        producer.process(exchange);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Producer producer = newProducer.get();
        ServiceHelper.startService(producer);
        current = producer;
    }

    @Override
    protected void doStop() throws Exception {
        Producer stopping = current;
        current = null;
        ServiceHelper.stopService(stopping);
        super.doStop();
    }
}
