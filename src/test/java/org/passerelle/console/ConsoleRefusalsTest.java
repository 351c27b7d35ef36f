package org.passerelle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.OPS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.ScreenSession;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A change the control plane refuses is explained at the console in the console's language (French by default,
 * English on request), while the API's problem keeps its English detail for machine clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class ConsoleRefusalsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @AfterEach
    void resume() {
        Api.onPort(port).as(OPS).post("/api/channels/sms/resume", "{\"reason\":\"test baseline\"}");
    }

    @Test
    void suspendingASuspendedChannelIsRefusedInFrenchAtTheConsoleInEnglishOnRequestAndInEnglishByTheApi() throws Exception {
        String cookie = ScreenSession.logIn(port, "ops");
        String csrf = ScreenSession.csrfOf(ScreenSession.get(port, "/ops", cookie).body());
        String suspend = "{\"action\":\"SUSPEND\",\"channel\":\"sms\",\"reason\":\"incident\"}";
        assertThat(ScreenSession.postJson(port, "/ops/actions", cookie, csrf, suspend, null).statusCode()).isEqualTo(200);

        HttpResponse<String> french = ScreenSession.postJson(port, "/ops/actions", cookie, csrf, suspend, null);
        assertThat(french.statusCode()).isEqualTo(409);
        JsonNode problem = JSON.readTree(french.body());
        assertThat(problem.path("detail").asText()).isEqualTo("SMS (rappels) est déjà suspendu (par ops).");
        assertThat(problem.path("type").asText()).endsWith("illegal-transition");

        HttpResponse<String> english = ScreenSession.postJson(port, "/ops/actions", cookie, csrf, suspend, "en");
        assertThat(JSON.readTree(english.body()).path("detail").asText()).startsWith("SMS").endsWith("is already suspended (by ops).");

        ApiResponse api = Api.onPort(port).as(OPS).post("/api/channels/sms/suspend", "{\"reason\":\"again\"}");
        assertThat(api.status()).isEqualTo(409);
        assertThat(api.json().path("detail").asText()).startsWith("Channel sms is already suspended");
    }

    @Test
    void aReasonHoldingACardNumberIsRefusedInTheConsolesWords() throws Exception {
        String cookie = ScreenSession.logIn(port, "ops");
        String csrf = ScreenSession.csrfOf(ScreenSession.get(port, "/ops", cookie).body());
        HttpResponse<String> refused = ScreenSession.postJson(port, "/ops/actions", cookie, csrf,
                "{\"action\":\"SUSPEND\",\"channel\":\"sms\",\"reason\":\"carte 4970 1000 0000 0063\"}", null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("detail").asText())
                .isEqualTo("La raison ne doit contenir aucun numéro de carte.");
    }
}
