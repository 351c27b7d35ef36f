package org.passerelle.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.passerelle.PasserelleApplication;
import org.passerelle.testsupport.OpsClient;
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
        assertThat(new OpsClient(port, "ops", "ops").get("/api/channels").statusCode()).isEqualTo(200);
        assertThat(new OpsClient(port, "auditor", "auditor").get("/api/audit").statusCode()).isEqualTo(200);
        assertThat(new OpsClient(port, "ops", "wrong").get("/api/channels").statusCode()).isEqualTo(401);
        assertThat(Files.exists(dataDir.resolve("passerelle.mv.db"))).as("the H2 file database").isTrue();
    }

    @Test
    void aReminderGoesThroughTheSandboxSmscToDelivered() {
        OpsClient scheduler = new OpsClient(port, "scheduler", "scheduler");
        String body = "{\"patientPhone\":\"0692 65 43 21\",\"start\":\"" + Instant.now().plus(4, ChronoUnit.HOURS)
                + "\",\"siteCode\":\"PONTCHAILLOU\"}";
        assertThat(scheduler.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/appointments/LOCAL-1"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body))).statusCode())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                scheduler.get("/api/appointments/LOCAL-1").body().contains("\"status\":\"DELIVERED\""));
        String received = new OpsClient(port, "ops", "ops").get("/sandbox/sms").body();
        assertThat(received).contains("+262692654321", "CHUDEMO", "CHU Pontchaillou", "Réf LOCAL-1");
    }

    @Test
    void theSandboxTerminalApprovesAndLosesTheAnswerAsTheReadmeSays() {
        OpsClient cashier = new OpsClient(port, "cashier", "cashier");
        String approved = pay(cashier, "local-1", 4200);
        await().atMost(Duration.ofSeconds(20)).until(() -> cashier.get("/api/payments/" + approved).body().contains("\"state\":\"APPROVED\""));

        String lost = pay(cashier, "local-2", 4203); // approve, then drop the connection before answering
        await().atMost(Duration.ofSeconds(60)).until(() -> cashier.get("/api/payments/" + lost).body().contains("\"state\":\"APPROVED\""));
        assertThat(cashier.get("/api/payments/" + lost).body()).contains("UNKNOWN");

        String declined = pay(cashier, "local-3", 4201);
        await().atMost(Duration.ofSeconds(20)).until(() -> cashier.get("/api/payments/" + declined).body().contains("\"state\":\"DECLINED\""));
    }

    private String pay(OpsClient cashier, String key, long amountMinor) {
        String terminal = "V400m-" + key;
        String body = "{\"terminalId\":\"" + terminal + "\",\"amountMinor\":" + amountMinor + ",\"reference\":\"FAC-" + key + "\"}";
        var response = cashier.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/payments"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).isEqualTo(202);
        return response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }
}
