package org.passerelle.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.OPS;

import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
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
        Api api = Api.onPort(port);
        assertThat(api.as(OPS).post("/api/incident/isolate", "{\"reason\":\"probe test\"}").status()).isEqualTo(200);

        ApiResponse liveness = anonymous("/actuator/health/liveness");
        ApiResponse readiness = anonymous("/actuator/health/readiness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        assertThat(anonymous("/actuator/health").status()).isEqualTo(401);
        assertThat(anonymous("/actuator/prometheus").status()).isEqualTo(401);

        api.as(OPS).post("/api/incident/restore", "{\"channels\":[\"sms\",\"payments\",\"scheduling\"],\"reason\":\"probe test over\"}");
    }

    @Test
    void prometheusShowsChannelStateBreakersAndChangeCounter() {
        Api api = Api.onPort(port);
        assertThat(api.as(OPS).post("/api/channels/payments/suspend", "{\"reason\":\"metrics test\"}").status()).isEqualTo(200);

        String metrics = api.as(AUDITOR).get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains("passerelle_channel_state{application=\"passerelle\",channel=\"payments\"} 1.0")
                .contains("passerelle_channel_state{application=\"passerelle\",channel=\"sms\"} 0.0")
                .contains("passerelle_channel_open{application=\"passerelle\",channel=\"payments\"} 0.0")
                .containsPattern("passerelle_channel_state_changes_total\\{action=\"suspend\",application=\"passerelle\",channel=\"payments\"} 1.0")
                .contains("resilience4j_circuitbreaker_state{application=\"passerelle\",name=\"sms\",state=\"closed\"} 1.0")
                .contains("resilience4j_circuitbreaker_state{application=\"passerelle\",name=\"payments\",state=\"closed\"} 1.0")
                .contains("resilience4j_circuitbreaker_calls_seconds");

        assertThat(api.as(OPS).post("/api/channels/payments/resume", "{\"reason\":\"metrics test over\"}").status()).isEqualTo(200);
    }

    private ApiResponse anonymous(String path) {
        return Api.onPort(port).anonymous().get(path);
    }
}
