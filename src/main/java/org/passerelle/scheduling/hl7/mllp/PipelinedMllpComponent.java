package org.passerelle.scheduling.hl7.mllp;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.support.CamelContextHelper;

/**
 * The {@code mllp} component of Passerelle: camel-mllp 4.17 with {@link PipelinedMllpConsumer} as its
 * server consumer, every listener guarded by one set of {@link ListenerLimits}, and patient data out of its
 * logs by default ({@code logPhi=false}). Endpoint URIs and options are camel-mllp's (TLS: its
 * {@code sslContextParameters}, set on the component's configuration); endpoint creation mirrors
 * {@code MllpComponent.createEndpoint}.
 *
 * <p>Once Camel is upgraded to a release with CAMEL-24668 fixed, the frame alignment can go; the guard (limits,
 * allowlist, timeouts, frame size) stays, camel-mllp has no equivalent. {@code Hl7IntakeTest} and
 * {@code Hl7ListenerLimitsTest} hold the behaviour.
 */
public class PipelinedMllpComponent extends MllpComponent {

    /** Header set on a frame that was longer than {@link ListenerLimits#maxFrameBytes()}: the limit, in bytes. */
    public static final String FRAME_TOO_LONG = "PasserelleMllpFrameTooLong";

    private final ListenerGuard guard;

    public PipelinedMllpComponent(ListenerLimits limits, MeterRegistry meters) {
        setLogPhi(false);
        this.guard = new ListenerGuard(limits, meters);
    }

    /** Whether the listener is up and how full it is. */
    public ListenerStatus listenerStatus() {
        return guard.status();
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PipelinedMllpEndpoint endpoint = new PipelinedMllpEndpoint(uri, this,
                hasConfiguration() ? getConfiguration().copy() : new MllpConfiguration(), guard);
        if (endpoint.getConfiguration().getSslContextParameters() == null) {
            endpoint.getConfiguration().setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        endpoint.setCharsetName(getDefaultCharset());
        int colon = remaining.lastIndexOf(':');
        if (colon != -1) {
            endpoint.setHostname(remaining.substring(0, colon));
            endpoint.setPort(CamelContextHelper.parseInt(getCamelContext(), remaining.substring(colon + 1)));
        } else {
            endpoint.setPort(CamelContextHelper.parseInt(getCamelContext(), remaining));
        }
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStop() throws Exception {
        guard.stop();
        super.doStop();
    }
}
