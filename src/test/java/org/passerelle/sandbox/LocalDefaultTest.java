package org.passerelle.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.CASHIER;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.passerelle.PasserelleApplication;
import org.passerelle.testsupport.Api;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The local default as a newcomer runs it (profile {@code local}, only its ports and database folder moved):
 * the demo users log in, a reminder goes through the sandbox SMSC to DELIVERED, and the sandbox terminal
 * plays the README's payment scenarios.
 */
class LocalDefaultTest {

    private static ConfigurableApplicationContext app;
    private static Path dataDir;
    private static int port;

    @BeforeAll
    static void startLocalDefault() throws IOException {
        dataDir = Files.createTempDirectory("passerelle-local");
        int smsc = freePort();
        int terminal = freePort();
        app = new SpringApplicationBuilder(PasserelleApplication.class).profiles("local").run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("passerelle") + ";AUTO_SERVER=FALSE",
                "--passerelle.sandbox.smsc-port=" + smsc, "--passerelle.sms.smsc.port=" + smsc,
                "--passerelle.sandbox.terminal-port=" + terminal,
                "--passerelle.payments.backend.url=http://127.0.0.1:" + terminal + "/sync",
                "--passerelle.hl7.port=0",
                "--passerelle.reminders.send-from=00:00", "--passerelle.reminders.send-until=23:59:59");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theDemoUsersLogInWithTheirOwnNames() {
        assertThat(Api.onPort(port).as(OPS).get("/api/channels").status()).isEqualTo(200);
        assertThat(Api.onPort(port).as(AUDITOR).get("/api/audit").status()).isEqualTo(200);
        assertThat(Api.onPort(port).withCredentials("ops", "wrong").get("/api/channels").status()).isEqualTo(401);
        assertThat(Files.exists(dataDir.resolve("passerelle.mv.db"))).as("the H2 file database").isTrue();
    }

    @Test
    void aReminderGoesThroughTheSandboxSmscToDelivered() {
        Api api = Api.onPort(port);
        String body = "{\"patientPhone\":\"0692 65 43 21\",\"start\":\"" + Instant.now().plus(4, ChronoUnit.HOURS)
                + "\",\"siteCode\":\"PONTCHAILLOU\"}";
        assertThat(api.as(SCHEDULER).put("/api/appointments/LOCAL-1", body).status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.as(SCHEDULER).get("/api/appointments/LOCAL-1").body().contains("\"status\":\"DELIVERED\""));
        String received = api.as(OPS).get("/sandbox/sms").body();
        assertThat(received).contains("+262692654321", "CHUDEMO", "CHU Pontchaillou", "Réf LOCAL-1");
    }

    @Test
    void theSandboxTerminalApprovesAndLosesTheAnswerAsTheReadmeSays() {
        Api api = Api.onPort(port);
        String approved = pay(api, "local-1", 4200);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.as(CASHIER).get("/api/payments/" + approved).body().contains("\"state\":\"APPROVED\""));

        String lost = pay(api, "local-2", 4203); // approve, then drop the connection before answering
        await().atMost(Duration.ofSeconds(60)).until(() -> api.as(CASHIER).get("/api/payments/" + lost).body().contains("\"state\":\"APPROVED\""));
        assertThat(api.as(CASHIER).get("/api/payments/" + lost).body()).contains("UNKNOWN");

        String declined = pay(api, "local-3", 4201);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.as(CASHIER).get("/api/payments/" + declined).body().contains("\"state\":\"DECLINED\""));
    }

    private String pay(Api api, String key, long amountMinor) {
        String terminal = "V400m-" + key;
        String body = "{\"terminalId\":\"" + terminal + "\",\"amountMinor\":" + amountMinor + ",\"reference\":\"FAC-" + key + "\"}";
        var response = api.as(CASHIER).idempotencyKey(key).post("/api/payments", body);
        assertThat(response.status()).isEqualTo(202);
        return response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }
}
