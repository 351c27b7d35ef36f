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

    @Test
    void theHttpPortAndTheSandboxesListenOnLoopbackOnly() throws Exception {
        assertThat(app.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
        int smsc = app.getBean(SandboxProperties.class).smscPort();
        int terminal = app.getBean(SandboxProperties.class).terminalPort();
        java.util.Optional<java.net.InetAddress> outside = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
                .stream().flatMap(n -> java.util.Collections.list(n.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(outside.isPresent(), "no non-loopback address to try from");
        for (int p : new int[] {port, smsc, terminal}) {
            try (java.net.Socket socket = new java.net.Socket()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> socket.connect(new java.net.InetSocketAddress(outside.get(), p), 1_000))
                        .as("port %d on %s", p, outside.get()).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void theSandboxSmscRefusesABindWithOtherCredentials() {
        int smsc = app.getBean(SandboxProperties.class).smscPort();
        assertThat(bindStatus(smsc, "passerelle", "wrong")).isEqualTo(org.jsmpp.SMPPConstant.STAT_ESME_RINVPASWD);
        assertThat(bindStatus(smsc, "intruder", "sandbox")).isEqualTo(org.jsmpp.SMPPConstant.STAT_ESME_RBINDFAIL);
        assertThat(bindStatus(smsc, "passerelle", "sandbox")).isZero();
    }

    private static int bindStatus(int port, String systemId, String password) {
        org.jsmpp.session.SMPPSession session = new org.jsmpp.session.SMPPSession();
        try {
            session.connectAndBind("127.0.0.1", port, new org.jsmpp.session.BindParameter(org.jsmpp.bean.BindType.BIND_TX,
                    systemId, password, "", org.jsmpp.bean.TypeOfNumber.UNKNOWN, org.jsmpp.bean.NumberingPlanIndicator.UNKNOWN, null));
            return 0;
        } catch (IOException e) {
            Throwable cause = e.getCause();
            if (cause instanceof org.jsmpp.extra.NegativeResponseException negative) {
                return negative.getCommandStatus();
            }
            throw new AssertionError("bind failed without a status", e);
        } finally {
            session.unbindAndClose();
        }
    }
}
