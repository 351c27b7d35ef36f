package org.passerelle.scheduling.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.scheduling.hl7.SiuMessages.siu;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.scheduling.AppointmentStatus;
import org.passerelle.scheduling.AppointmentViews;
import org.passerelle.scheduling.hl7.SiuMessages.Ack;
import org.passerelle.scheduling.hl7.mllp.PipelinedMllpComponent;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.MllpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The MLLP listener against slow and hostile clients, over real sockets against the running route: limits small
 * enough for a fast test (55 connections, idle 8 s: long enough for a loaded CI machine to fill the listener within it, read 500 ms, frames of 8 KiB).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class Hl7ListenerLimitsTest {

    private static final int MLLP_PORT = freePort();
    private static final int MAX_CONNECTIONS = 55;
    private static final Duration IDLE = Duration.ofSeconds(8);
    private static final Duration READ = Duration.ofMillis(500);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String MOBILE = "0612345678";

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("passerelle.hl7.port", () -> MLLP_PORT);
        registry.add("passerelle.hl7.max-connections", () -> MAX_CONNECTIONS);
        registry.add("passerelle.hl7.idle-timeout", () -> IDLE.toMillis() + "ms");
        registry.add("passerelle.hl7.read-timeout", () -> READ.toMillis() + "ms");
        registry.add("passerelle.hl7.max-frame-size", () -> "8KB");
    }

    @LocalServerPort
    int httpPort;
    @Autowired
    PipelinedMllpComponent mllp;
    @Autowired
    MeterRegistry meters;
    @Autowired
    AppointmentViews views;
    @Autowired
    HealthIndicator hl7ListenerHealthIndicator;

    private final List<MllpClient> held = new ArrayList<>();

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void closeHeldConnections() {
        held.forEach(MllpClient::close);
        held.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> mllp.listenerStatus().openConnections() == 0);
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ZonedDateTime inDays(int days) {
        return LocalDate.now(PARIS).plusDays(days).atTime(LocalTime.of(10, 0)).atZone(PARIS);
    }

    private static String validSiu(String appointmentId) {
        return siu("S12", newId("C"), appointmentId, inDays(5), MOBILE, "PONTCHAILLOU").build();
    }

    /** Opens {@code n} connections that send nothing, and waits until the listener has admitted them all. */
    private void holdIdle(int n) {
        int before = mllp.listenerStatus().openConnections();
        for (int i = 0; i < n; i++) {
            held.add(new MllpClient(MLLP_PORT));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> mllp.listenerStatus().openConnections() >= before + n);
    }

    private double counter(String name, String reason) {
        var c = meters.find(name).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void withFiftyIdleConnectionsHeldOpenANewSenderIsStillAnswered() {
        holdIdle(50);

        String id = newId("RDV");
        try (MllpClient sender = new MllpClient(MLLP_PORT)) {
            assertThat(Ack.parse(sender.send(validSiu(id))).code()).isEqualTo("AA");
        }
        assertThat(views.of(id).status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(held).allSatisfy(c -> assertThat(c.socket().isClosed()).isFalse());
    }

    @Test
    void overTheLimitTheNextConnectionIsClosedAtOnceAndCountedWhileEarlierSendersAreUnaffected(CapturedOutput output) {
        double refusedBefore = counter("passerelle.hl7.connections.refused", "limit");
        MllpClient earlier = new MllpClient(MLLP_PORT);
        held.add(earlier);
        assertThat(Ack.parse(earlier.send(validSiu(newId("RDV")))).code()).isEqualTo("AA");
        holdIdle(MAX_CONNECTIONS - 1);
        assertThat(mllp.listenerStatus().saturated()).isTrue();
        assertThat(hl7ListenerHealthIndicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(Api.onPort(httpPort).anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);

        try (MllpClient refused = new MllpClient(MLLP_PORT)) {
            assertThat(refused.awaitClosedByPeer(Duration.ofSeconds(3))).isTrue();
        }
        await().atMost(Duration.ofSeconds(3))
                .until(() -> counter("passerelle.hl7.connections.refused", "limit") == refusedBefore + 1);
        assertThat(output.getAll()).contains("refused: limit of " + MAX_CONNECTIONS + " open connections reached");

        String id = newId("RDV");
        assertThat(Ack.parse(earlier.send(validSiu(id))).code()).isEqualTo("AA");
        assertThat(views.of(id).status()).isEqualTo(AppointmentStatus.BOOKED);

        held.remove(held.size() - 1).close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !mllp.listenerStatus().saturated());
        assertThat(hl7ListenerHealthIndicator.health().getStatus()).isEqualTo(Status.UP);
        try (MllpClient next = new MllpClient(MLLP_PORT)) {
            assertThat(Ack.parse(next.send(validSiu(newId("RDV")))).code()).isEqualTo("AA");
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeoutEvenIfItSendsBytesOutsideFrames() throws Exception {
        double idleBefore = counter("passerelle.hl7.connections.closed", "idle");
        try (MllpClient used = new MllpClient(MLLP_PORT); MllpClient junk = new MllpClient(MLLP_PORT)) {
            assertThat(Ack.parse(used.send(validSiu(newId("RDV")))).code()).isEqualTo("AA");
            long answered = System.nanoTime();
            for (int i = 0; i < 8; i++) { // a byte every 250 ms outside any frame is not activity
                junk.write("x".getBytes(MllpClient.CHARSET));
                Thread.sleep(250);
            }
            assertThat(used.awaitClosedByPeer(IDLE.plusSeconds(3))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - answered)).isGreaterThanOrEqualTo(IDLE.minusMillis(100));
            assertThat(junk.awaitClosedByPeer(Duration.ofSeconds(3))).isTrue();
        }
        assertThat(counter("passerelle.hl7.connections.closed", "idle")).isGreaterThanOrEqualTo(idleBefore + 2);
    }

    @Test
    void aHalfFrameThatStallsIsClosedAfterTheReadTimeout(CapturedOutput output) {
        double before = counter("passerelle.hl7.connections.closed", "read-timeout");
        String cut = validSiu(newId("RDV"));
        try (MllpClient stalled = new MllpClient(MLLP_PORT)) {
            long sent = System.nanoTime();
            stalled.write(("\u000b" + cut.substring(0, cut.length() / 2)).getBytes(MllpClient.CHARSET));
            assertThat(stalled.awaitClosedByPeer(Duration.ofSeconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(IDLE);
        }
        assertThat(counter("passerelle.hl7.connections.closed", "read-timeout")).isEqualTo(before + 1);
        assertThat(output.getAll()).doesNotContain(MOBILE).doesNotContain(SiuMessages.PATIENT_FAMILY_NAME);
    }

    @Test
    void anOversizeFrameIsAnsweredAeWithoutTouchingOtherConnections(CapturedOutput output) {
        double before = meters.counter("passerelle.hl7.frames.too-long").count();
        String control = newId("BIG");
        String big = siu("S12", control, newId("RDV"), inDays(5), MOBILE, "PONTCHAILLOU").build()
                + "\rZZZ|" + "A".repeat(200_000);
        try (MllpClient other = new MllpClient(MLLP_PORT); MllpClient sender = new MllpClient(MLLP_PORT)) {
            Ack ack = Ack.parse(sender.send(big));
            assertThat(ack.code()).isEqualTo("AE");
            assertThat(ack.field("MSA", 2)).isEqualTo(control);
            assertThat(ack.field("ERR", 3)).startsWith("102^");
            assertThat(ack.field("MSA", 3)).contains("longer than 8192 bytes");

            String id = newId("RDV");
            assertThat(Ack.parse(sender.send(validSiu(id))).code()).isEqualTo("AA");
            assertThat(Ack.parse(other.send(validSiu(newId("RDV")))).code()).isEqualTo("AA");
        }
        assertThat(meters.counter("passerelle.hl7.frames.too-long").count()).isEqualTo(before + 1);
        assertThat(output.getAll()).doesNotContain(MOBILE).doesNotContain(SiuMessages.PATIENT_FAMILY_NAME);
    }

    @Test
    void twentyConcurrentSendersAllGetTheirAck() throws Exception {
        int senders = 20;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<String> ids = new ArrayList<>();
            List<Future<String>> acks = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                String id = newId("RDV");
                ids.add(id);
                acks.add(pool.submit(() -> {
                    try (MllpClient c = new MllpClient(MLLP_PORT)) {
                        go.await();
                        return Ack.parse(c.send(validSiu(id))).code();
                    }
                }));
            }
            go.countDown();
            for (Future<String> ack : acks) {
                assertThat(ack.get(60, TimeUnit.SECONDS)).isEqualTo("AA");
            }
            assertThat(ids).allSatisfy(id -> assertThat(views.of(id).status()).isEqualTo(AppointmentStatus.BOOKED));
        } finally {
            pool.shutdownNow();
        }
    }
}
