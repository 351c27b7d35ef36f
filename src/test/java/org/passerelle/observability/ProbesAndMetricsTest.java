package org.passerelle.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.OpsClient;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@AutoConfigureObservability(tracing = false)
@DirtiesContext
class ProbesAndMetricsTest {

    @LocalServerPort
    int port;

    @Test
    void probesArePublicAndStayUpWhileEveryChannelIsIsolated() throws Exception {
        OpsClient ops = new OpsClient(port, "ops", "ops");
        assertThat(ops.post("/api/incident/isolate", "{\"reason\":\"probe test\"}").statusCode()).isEqualTo(200);

        HttpResponse<String> liveness = anonymous("/actuator/health/liveness");
        HttpResponse<String> readiness = anonymous("/actuator/health/readiness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        assertThat(anonymous("/actuator/health").statusCode()).isEqualTo(401);
        assertThat(anonymous("/actuator/prometheus").statusCode()).isEqualTo(401);

        ops.post("/api/incident/restore", "{\"channels\":[\"sms\",\"payments\",\"scheduling\"],\"reason\":\"probe test over\"}");
    }

    @Test
    void prometheusShowsChannelStateBreakersAndChangeCounter() {
        OpsClient ops = new OpsClient(port, "ops", "ops");
        assertThat(ops.post("/api/channels/payments/suspend", "{\"reason\":\"metrics test\"}").statusCode()).isEqualTo(200);

        String metrics = new OpsClient(port, "auditor", "auditor").get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains("passerelle_channel_state{application=\"passerelle\",channel=\"payments\"} 1.0")
                .contains("passerelle_channel_state{application=\"passerelle\",channel=\"sms\"} 0.0")
                .contains("passerelle_channel_open{application=\"passerelle\",channel=\"payments\"} 0.0")
                .containsPattern("passerelle_channel_state_changes_total\\{action=\"suspend\",application=\"passerelle\",channel=\"payments\"} 1.0")
                .contains("resilience4j_circuitbreaker_state{application=\"passerelle\",name=\"sms\",state=\"closed\"} 1.0")
                .contains("resilience4j_circuitbreaker_state{application=\"passerelle\",name=\"payments\",state=\"closed\"} 1.0")
                .contains("resilience4j_circuitbreaker_calls_seconds");

        assertThat(ops.post("/api/channels/payments/resume", "{\"reason\":\"metrics test over\"}").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> anonymous(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
