package org.passerelle.sms;

import java.util.function.Supplier;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A new camel-smpp consumer at every start of the route: camel-smpp shuts its reconnect executor down
 * for good when its consumer stops, so a consumer reused after an isolation (or a failed start) would
 * never reconnect after its next drop.
 */
final class FreshSmppConsumer extends DefaultConsumer {

    private final Supplier<Consumer> newConsumer;
    private Consumer current;

    FreshSmppConsumer(Endpoint endpoint, Processor processor, Supplier<Consumer> newConsumer) {
        super(endpoint, processor);
        this.newConsumer = newConsumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        current = newConsumer.get();
        ServiceHelper.startService(current);
    }

    @Override
    protected void doStop() throws Exception {
        Consumer stopping = current;
        current = null;
        ServiceHelper.stopService(stopping);
        super.doStop();
    }
}
