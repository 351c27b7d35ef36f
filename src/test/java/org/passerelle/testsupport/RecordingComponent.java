package org.passerelle.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * Test stand-in for an outside service: {@code recording:<name>} notes the moment each call starts
 * (System.nanoTime on entry to the producer), optionally takes some time, and can be told to fail.
 */
public class RecordingComponent extends DefaultComponent {

    private final ConcurrentLinkedQueue<Long> callStarts = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile long callDurationMillis;

    public ConcurrentLinkedQueue<Long> callStarts() {
        return callStarts;
    }

    public long callsStartedAfter(long nanoTime) {
        return callStarts.stream().filter(t -> t - nanoTime > 0).count();
    }

    public void failing(boolean fail) {
        failing.set(fail);
    }

    public void callDurationMillis(long millis) {
        callDurationMillis = millis;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        return new DefaultEndpoint(uri, this) {
            @Override
            public Producer createProducer() {
                return new DefaultProducer(this) {
                    @Override
                    public void process(Exchange exchange) throws Exception {
                        callStarts.add(System.nanoTime());
                        if (callDurationMillis > 0) {
                            Thread.sleep(callDurationMillis);
                        }
                        if (failing.get()) {
                            throw new java.io.IOException("outside service down (test)");
                        }
                    }
                };
            }

            @Override
            public Consumer createConsumer(Processor processor) {
                throw new UnsupportedOperationException("send only");
            }
        };
    }
}
