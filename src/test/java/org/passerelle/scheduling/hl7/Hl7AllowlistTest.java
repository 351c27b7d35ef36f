package org.passerelle.scheduling.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.scheduling.hl7.mllp.PipelinedMllpComponent;
import org.passerelle.testsupport.MllpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A sender whose address is outside passerelle.hl7.allowed-senders is closed on accept, counted and logged. */
@SpringBootTest
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class Hl7AllowlistTest {

    private static final int MLLP_PORT = freePort();

    @DynamicPropertySource
    static void allowlist(DynamicPropertyRegistry registry) {
        registry.add("passerelle.hl7.port", () -> MLLP_PORT);
        registry.add("passerelle.hl7.allowed-senders", () -> "10.99.0.0/16,fd00::/8,192.0.2.7");
    }

    @Autowired
    MeterRegistry meters;
    @Autowired
    PipelinedMllpComponent mllp;

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private double refusedNotAllowed() {
        var c = meters.find("passerelle.hl7.connections.refused").tag("reason", "not-allowed").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aSenderOutsideTheAllowlistIsClosedAtOnceWithoutAnAnswerAndCounted(CapturedOutput output) {
        double before = refusedNotAllowed();
        try (MllpClient outsider = new MllpClient(MLLP_PORT)) {
            outsider.write(MllpClient.frame("MSH|^~\\&|X|Y|Z|W|20260101||SIU^S12|C-1|P|2.5"));
            assertThat(outsider.awaitClosedByPeer(Duration.ofSeconds(3))).isTrue();
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> refusedNotAllowed() == before + 1);
        assertThat(mllp.listenerStatus().openConnections()).isZero();
        assertThat(output.getAll()).contains("refused: not in passerelle.hl7.allowed-senders");
    }
}
