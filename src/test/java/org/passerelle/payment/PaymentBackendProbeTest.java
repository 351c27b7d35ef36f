package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.passerelle.channel.ChannelCalls;
import org.springframework.beans.factory.annotation.Autowired;

/** The DiagnosisRequest health probe: sent through the payments gate, never while ops keep payments closed. */
class PaymentBackendProbeTest extends PaymentTestBase {

    @Autowired
    TerminalBackend backend;
    @Autowired
    ChannelCalls calls;

    @Test
    void probesWithADiagnosisRequestOnlyWhilePaymentsAreOpen() {
        PaymentProperties properties = new PaymentProperties();
        properties.setProbeTerminalId("PROBE-" + newTerminal());
        PaymentBackendProbe probe = new PaymentBackendProbe(backend, calls, properties);

        probe.probe();
        assertThat(BACKEND.received("Diagnosis", properties.getProbeTerminalId())).hasSize(1);
        assertThat(BACKEND.received("Diagnosis", properties.getProbeTerminalId()).get(0).request()
                .path("DiagnosisRequest").path("HostDiagnosisFlag").asBoolean()).isTrue();

        assertThat(ops.post("/api/channels/payments/suspend", "{\"reason\":\"probe test\"}").statusCode()).isEqualTo(200);
        try {
            probe.probe();
            assertThat(BACKEND.received("Diagnosis", properties.getProbeTerminalId())).hasSize(1);
        } finally {
            ops.post("/api/channels/payments/resume", "{\"reason\":\"probe test over\"}");
        }
    }
}
