package org.passerelle.bench;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.protocol.ReceivingApplicationException;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.MllpClient;
import org.passerelle.testsupport.PostgresTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SIU^S12 messages ACKed per second over MLLP, Passerelle (parse, store the appointment and its reminder,
 * commit, AA) against HAPI's own MLLP server with an application that parses and answers AA, storing
 * nothing: the bare limit. Both in this JVM, measured side by side in each round with the same client
 * ({@link MllpClient}, one message in flight per connection), on 1 and on 8 concurrent connections; medians
 * over the rounds. On PostgreSQL (production) by default, {@code -Dbench.db=h2} for the in-memory H2.
 * Not part of the test suite: {@code mvn -B -Pbenchmark test -Dtest=Hl7IntakeBenchmark}. Figures to stdout,
 * target/benchmarks/hl7.txt and target/benchmarks/results/Hl7IntakeBenchmark.tsv.
 */
@Tag("benchmark")
@SpringBootTest(properties = {"logging.level.org.passerelle=WARN", "passerelle.hl7.max-connections=100"})
@ActiveProfiles("test")
class Hl7IntakeBenchmark {

    private static final boolean H2 = "h2".equalsIgnoreCase(System.getProperty("bench.db", "postgres"));
    private static final PostgresTestDatabase DB = H2 ? null : PostgresTestDatabase.forSpringContext("hl7_bench");
    private static final int MLLP_PORT = freePort();
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final long ROUND_MILLIS = Long.getLong("bench.round-millis", 4_000);
    private static final int[] CONNECTIONS = {1, 8};
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    private static final String START = DTM.format(LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(10).atTime(10, 0));
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase(Locale.ROOT);
    private static final StringBuilder REPORT = new StringBuilder();
    private static final BenchResults RESULTS = new BenchResults(Hl7IntakeBenchmark.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("passerelle.hl7.port", () -> MLLP_PORT);
        if (DB != null) {
            DB.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        }
    }

    @AfterAll
    static void write() throws IOException {
        Path text = Path.of("target", "benchmarks", "hl7.txt");
        Files.createDirectories(text.getParent());
        Files.writeString(text, REPORT.toString());
    }

    /** What one measurement of one server gave. */
    private record Run(double perSecond, long acked, long notAa, int droppedConnections) {
    }

    @Test
    void siuMessagesAckedPerSecondAgainstTheBareHapiServer() throws Exception {
        try (HapiContext context = new DefaultHapiContext()) {
            // HAPI numbers its ACKs from a file in the working directory by default; in memory here
            context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
            int hapiPort = freePort();
            HL7Service hapi = context.newServer(hapiPort, false);
            hapi.registerApplication("*", "*", new ParseAndAccept());
            hapi.startAndWait();
            try {
                measure(hapiPort);
            } finally {
                hapi.stopAndWait();
            }
        }
        System.out.println(REPORT);
    }

    private void measure(int hapiPort) throws Exception {
        line("HL7 intake benchmark " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + (H2 ? "H2 in memory" : "PostgreSQL") + ", " + ROUNDS + " rounds of " + ROUND_MILLIS
                + " ms per server and connection count, SIU^S12, one message in flight per connection");
        for (int connections : CONNECTIONS) { // warm-up: JIT, HAPI structure caches, connection pool
            run(hapiPort, connections, 1_500);
            run(MLLP_PORT, connections, 1_500);
        }
        for (int connections : CONNECTIONS) {
            double[] reference = new double[ROUNDS];
            double[] passerelle = new double[ROUNDS];
            int dropped = 0;
            long notAa = 0;
            for (int round = 0; round < ROUNDS; round++) {
                Run h = run(hapiPort, connections, ROUND_MILLIS);
                Run p = run(MLLP_PORT, connections, ROUND_MILLIS);
                reference[round] = h.perSecond();
                passerelle[round] = p.perSecond();
                dropped += p.droppedConnections() + h.droppedConnections();
                notAa += p.notAa() + h.notAa();
                line(String.format(Locale.ROOT, "  round %d, %d connection(s): HAPI %7.0f/s, Passerelle %7.0f/s (%.2fx)",
                        round + 1, connections, h.perSecond(), p.perSecond(), p.perSecond() / h.perSecond()));
            }
            double ref = median(reference);
            double ours = median(passerelle);
            line(String.format(Locale.ROOT, "%d connection(s): bare HAPI %7.0f msg/s, Passerelle %7.0f msg/s: %.2fx; "
                    + "connections dropped %d, answers other than AA %d", connections, ref, ours, ours / ref, dropped, notAa));
            String what = "SIU ACKed/s, " + connections + (connections == 1 ? " connection" : " connections");
            tsv("hl7", what + (H2 ? " (H2)" : ""), "bare HAPI MLLP server", ref, ours, "msg/s", "higher", ">=0.6x");
            tsv("hl7", "connections dropped, " + connections + (connections == 1 ? " connection" : " connections"),
                    null, 0, dropped, "connections", "lower", "0");
        }
    }

    /** {@code connections} clients, each sending SIU^S12 one after the other for {@code millis}. */
    private static Run run(int port, int connections, long millis) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        CountDownLatch ready = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong acked = new AtomicLong();
        AtomicLong notAa = new AtomicLong();
        List<Future<Boolean>> clients = new ArrayList<>();
        long[] window = new long[2];
        for (int c = 0; c < connections; c++) {
            clients.add(pool.submit(() -> {
                try (MllpClient client = new MllpClient(port)) {
                    ready.countDown();
                    go.await();
                    long end = System.nanoTime() + millis * 1_000_000;
                    while (System.nanoTime() < end) {
                        String ack = client.send(siuS12());
                        if (ack.contains("\rMSA|AA|")) {
                            acked.incrementAndGet();
                        } else {
                            notAa.incrementAndGet();
                        }
                    }
                    return true;
                } catch (UncheckedIOException e) {
                    return false; // closed or reset without an answer
                }
            }));
        }
        ready.await();
        window[0] = System.nanoTime();
        go.countDown();
        int dropped = 0;
        for (Future<Boolean> f : clients) {
            if (!f.get()) {
                dropped++;
            }
        }
        window[1] = System.nanoTime();
        pool.shutdown();
        return new Run(acked.get() / ((window[1] - window[0]) / 1e9), acked.get(), notAa.get(), dropped);
    }

    /** A new appointment each time, as a scheduling system sends bookings: unique control and appointment ids. */
    private static String siuS12() {
        long n = SEQUENCE.incrementAndGet();
        String id = "B" + RUN + "-" + n;
        return "MSH|^~\\&|DXCARE|CHU-RENNES|PASSERELLE|CHU-RENNES-SMS|20260101120000||SIU^S12^SIU_S12|C" + RUN + "-" + n
                + "|P|2.5\r"
                + "SCH|" + id + "^DXCARE|F-" + id + "^DXCARE|||||||||^^^" + START + "||||||||||||||Booked\r"
                + "PID|1||123456^^^CHU^PI||BENCH^Patient||19800101|F|||||^PRN^PH^^33^2^99001122~^PRN^CP^^^^^^^^^06"
                + String.format(Locale.ROOT, "%08d", n % 100_000_000) + "\r"
                + "RGS|1\r"
                + "AIS|1||CONSULT^Consultation|" + START + "\r"
                + "AIL|1||PONTCHAILLOU^^^CHU|||" + START + "\r";
    }

    /** HAPI's bare limit: the server has parsed the message; answer AA, store nothing. */
    private static final class ParseAndAccept implements ReceivingApplication<Message> {
        @Override
        public Message processMessage(Message message, Map<String, Object> metadata)
                throws ReceivingApplicationException, HL7Exception {
            try {
                return message.generateACK();
            } catch (IOException e) {
                throw new HL7Exception(e);
            }
        }

        @Override
        public boolean canProcess(Message message) {
            return true;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void tsv(String section, String metric, String referenceName, double reference, double ours,
                            String unit, String better, String target) {
        RESULTS.figure(section, metric, referenceName == null ? "-" : referenceName, referenceName == null ? null : reference,
                ours, unit, better, target);
    }

    private static void line(String text) {
        REPORT.append(text).append('\n');
    }
}
