package org.passerelle.scheduling.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.passerelle.scheduling.hl7.SiuMessages.siu;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.passerelle.scheduling.AppointmentStatus;
import org.passerelle.scheduling.AppointmentViews;
import org.passerelle.scheduling.hl7.SiuMessages.Ack;
import org.passerelle.testsupport.MllpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * MLLP over TLS with a key store generated for the test (JDK keytool), and a sender allowlist that leaves the test's
 * own address out of the allowed block: a TLS sender gets its ACK, a plain-text one nothing, and a refused address is
 * closed at once and counted.
 */
@SpringBootTest
@ActiveProfiles("test")
class Hl7TlsTest {

    private static final int MLLP_PORT = freePort();
    private static final String PASSWORD = "test-" + UUID.randomUUID();
    private static final Path KEY_STORE = generateKeyStore();
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        registry.add("passerelle.hl7.port", () -> MLLP_PORT);
        registry.add("passerelle.hl7.bind-address", () -> "127.0.0.1");
        registry.add("passerelle.hl7.idle-timeout", () -> "2s");
        registry.add("passerelle.hl7.tls.enabled", () -> true);
        registry.add("passerelle.hl7.tls.key-store", () -> KEY_STORE.toUri().toString());
        registry.add("passerelle.hl7.tls.key-store-password", () -> PASSWORD);
    }

    @Autowired
    AppointmentViews views;
    @Autowired
    MeterRegistry meters;

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path generateKeyStore() {
        try {
            Path dir = Files.createTempDirectory("hl7-tls");
            Path store = dir.resolve("hl7.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "hl7", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String out = new String(keytool.getInputStream().readAllBytes());
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            store.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return store;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client that trusts exactly the generated certificate. */
    private static MllpClient tlsClient() throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEY_STORE)) {
            server.load(in, PASSWORD.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("hl7", server.getCertificate("hl7"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", MLLP_PORT), 5_000);
        socket.startHandshake();
        return new MllpClient(socket);
    }

    private static String validSiu(String id) {
        return siu("S12", "C-" + UUID.randomUUID().toString().substring(0, 8), id,
                LocalDate.now(PARIS).plusDays(5).atTime(LocalTime.of(10, 0)).atZone(PARIS), "0612345678", "PONTCHAILLOU")
                .build();
    }

    @Test
    void aSenderOverTlsGetsItsAckAndTheAppointmentIsStored() throws Exception {
        String id = "RDV-" + UUID.randomUUID().toString().substring(0, 8);
        try (MllpClient client = tlsClient()) {
            assertThat(((SSLSocket) client.socket()).getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(Ack.parse(client.send(validSiu(id))).code()).isEqualTo("AA");
            assertThat(Ack.parse(client.send(validSiu(id + "b"))).code()).isEqualTo("AA");
        }
        assertThat(views.of(id).status()).isEqualTo(AppointmentStatus.BOOKED);
    }

    @Test
    void aPlainTextSenderGetsNoAnswerAndIsClosed() {
        try (MllpClient plain = new MllpClient(MLLP_PORT)) {
            plain.write(MllpClient.frame(validSiu("RDV-PLAIN")));
            assertThatThrownBy(plain::readAck).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void aConnectionThatNeverStartsItsHandshakeIsClosedAfterTheIdleTimeout() {
        double before = closedIdle();
        try (MllpClient silent = new MllpClient(MLLP_PORT)) {
            assertThat(silent.awaitClosedByPeer(Duration.ofSeconds(8))).isTrue();
        }
        assertThat(closedIdle()).isGreaterThan(before);
    }

    private double closedIdle() {
        var c = meters.find("passerelle.hl7.connections.closed").tag("reason", "idle").counter();
        return c == null ? 0 : c.count();
    }
}
