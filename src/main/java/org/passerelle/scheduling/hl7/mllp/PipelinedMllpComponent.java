package org.passerelle.scheduling.hl7.mllp;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.support.CamelContextHelper;

/**
 * The {@code mllp} component of Passerelle: camel-mllp 4.17 with {@link PipelinedMllpConsumer} as its
 * server consumer, and patient data out of its logs by default ({@code logPhi=false}). Endpoint URIs
 * and options are camel-mllp's; endpoint creation mirrors {@code MllpComponent.createEndpoint}.
 *
 * <p>Remove it (and the {@code mllp} bean) once Camel is upgraded to a release with CAMEL-24668 fixed;
 * {@code Hl7IntakeTest} then still proves pipelined messages are acknowledged.
 */
public class PipelinedMllpComponent extends MllpComponent {

    public PipelinedMllpComponent() {
        setLogPhi(false);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PipelinedMllpEndpoint endpoint = new PipelinedMllpEndpoint(uri, this,
                hasConfiguration() ? getConfiguration().copy() : new MllpConfiguration());
        if (endpoint.getConfiguration().getSslContextParameters() == null) {
            endpoint.getConfiguration().setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        endpoint.setCharsetName(getDefaultCharset());
        int colon = remaining.indexOf(':');
        if (colon != -1) {
            endpoint.setHostname(remaining.substring(0, colon));
            endpoint.setPort(CamelContextHelper.parseInt(getCamelContext(), remaining.substring(colon + 1)));
        } else {
            endpoint.setPort(CamelContextHelper.parseInt(getCamelContext(), remaining));
        }
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
