package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.OPS;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The DiagnosisRequest health probe: sent through the payments gate, which refuses it while ops keep payments closed. */
class PaymentBackendProbeTest extends PaymentTestBase {

    @Autowired
    TerminalBackend backend;
    @Autowired
    PaymentProperties configured;

    @Test
    void probesWithADiagnosisRequestAndTheGateRefusesItWhilePaymentsAreSuspended() {
        String terminal = "PROBE-" + newTerminal();
        PaymentBackendProbe probe = new PaymentBackendProbe(backend, withProbe(configured, terminal));
        assertThat(probe.due()).isTrue();

        assertThat(probe.probe()).isEqualTo(PaymentBackendProbe.Outcome.HEALTHY);
        assertThat(BACKEND.received("Diagnosis", terminal)).hasSize(1);
        assertThat(BACKEND.received("Diagnosis", terminal).get(0).request()
                .path("DiagnosisRequest").path("HostDiagnosisFlag").asBoolean()).isTrue();

        assertThat(api.as(OPS).post("/api/channels/payments/suspend", "{\"reason\":\"probe test\"}").status()).isEqualTo(200);
        try {
            // the probe itself does not look at the channel: only the gate in its route stops it
            assertThat(probe.probe()).isEqualTo(PaymentBackendProbe.Outcome.NOT_SENT);
            assertThat(BACKEND.received("Diagnosis", terminal)).hasSize(1);
        } finally {
            api.as(OPS).post("/api/channels/payments/resume", "{\"reason\":\"probe test over\"}");
        }
        assertThat(probe.probe()).isEqualTo(PaymentBackendProbe.Outcome.HEALTHY);
        assertThat(BACKEND.received("Diagnosis", terminal)).hasSize(2);
    }

    @Test
    void noProbeWithoutATerminalToName() {
        assertThat(new PaymentBackendProbe(backend, configured).due()).isFalse();
    }

    static PaymentProperties withProbe(PaymentProperties p, String terminal) {
        return new PaymentProperties(p.backend(), p.saleId(), p.currencies(), p.maxAmountMinor(), p.workers(), p.maxWait(),
                p.shutdownGrace(), p.zone(), java.time.Duration.ofSeconds(30), terminal, p.recovery());
    }
}
