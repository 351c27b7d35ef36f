package org.passerelle.scheduling.hl7.mllp;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.component.mllp.MllpEndpoint;

/** An {@code mllp:} endpoint whose consumer is the {@link PipelinedMllpConsumer}; producers are unchanged. */
class PipelinedMllpEndpoint extends MllpEndpoint {

    public PipelinedMllpEndpoint(String uri, MllpComponent component, MllpConfiguration configuration) {
        super(uri, component, configuration);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = new PipelinedMllpConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }
}
