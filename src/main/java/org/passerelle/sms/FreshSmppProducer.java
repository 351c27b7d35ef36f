package org.passerelle.sms;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A new camel-smpp producer at every start, for the reason given in {@link FreshSmppConsumer}.
 *
 * <p>Callers of the submit window share it. camel-smpp binds lazily on the first submit, and a caller that
 * arrives while another is binding does not wait: it fails at once ("Lost connection ... not yet
 * reconnected"). So until a submit has gone through on the current session, callers go one at a time; after
 * that they run concurrently on the thread-safe jSMPP session. A failed submit (the session may be gone)
 * puts callers back in single file until the next success.
 */
final class FreshSmppProducer extends DefaultProducer {

    private final Supplier<Producer> newProducer;
    private final ReentrantLock singleFile = new ReentrantLock();
    private volatile Producer current;
    private volatile boolean bound;

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
        if (bound) {
            submit(producer, exchange);
            return;
        }
        singleFile.lock();
        try {
            submit(producer, exchange);
        } finally {
            singleFile.unlock();
        }
    }

    private void submit(Producer producer, Exchange exchange) throws Exception {
        try {
            producer.process(exchange);
        } catch (Exception | Error e) {
            bound = false;
            throw e;
        }
        bound = exchange.getException() == null;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        bound = false;
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
