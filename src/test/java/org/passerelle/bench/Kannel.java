package org.passerelle.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Kannel (Debian's {@code kannel} package: bearerbox + smsbox) as the reference SMS gateway, configured from a
 * kannel.conf generated under target/benchmarks/kannel/: one SMPP transmitter bind to the bench SMSC with
 * {@code max-pending-submits} = the window and {@code throughput} = the rate limit (0: none). Messages go in
 * through smsbox's sendsms HTTP interface; logs and the spool stay under target/.
 */
final class Kannel implements AutoCloseable {

    private static final String PASSWORD = "bench";
    private final Path dir;
    private final int adminPort;
    private final int sendsmsPort;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();

    private Kannel(Path dir, int adminPort, int sendsmsPort) {
        this.dir = dir;
        this.adminPort = adminPort;
        this.sendsmsPort = sendsmsPort;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/bearerbox")) && Files.isExecutable(Path.of("/usr/sbin/smsbox"));
    }

    static Kannel start(int smscPort, int window, double throughput) throws Exception {
        return start(smscPort, window, throughput, true);
    }

    /** {@code awaitBound} false: the SMSC is not listening now; messages given meanwhile wait in bearerbox's store. */
    static Kannel start(int smscPort, int window, double throughput, boolean awaitBound) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "benchmarks", "kannel", "run-" + System.currentTimeMillis()).toAbsolutePath());
        Files.createDirectories(dir.resolve("spool"));
        int admin = org.passerelle.testsupport.PasserelleProcess.freePort();
        int smsbox = org.passerelle.testsupport.PasserelleProcess.freePort();
        int sendsms = org.passerelle.testsupport.PasserelleProcess.freePort();
        Path conf = dir.resolve("kannel.conf");
        Files.writeString(conf, """
                group = core
                admin-port = %d
                admin-password = %s
                status-password = %s
                admin-allow-ip = "127.0.0.1"
                smsbox-port = %d
                box-allow-ip = "127.0.0.1"
                log-file = "%s/bearerbox.log"
                log-level = 2
                store-type = spool
                store-location = "%s/spool"

                group = smsc
                smsc = smpp
                smsc-id = bench
                host = 127.0.0.1
                port = %d
                receive-port = 0
                smsc-username = passerelle
                smsc-password = secret
                system-type = ""
                max-pending-submits = %d
                throughput = %s
                reconnect-delay = 1
                log-file = "%s/smsc.log"
                log-level = 2

                group = smsbox
                bearerbox-host = 127.0.0.1
                bearerbox-port = %d
                sendsms-port = %d
                log-file = "%s/smsbox.log"
                log-level = 2

                group = sendsms-user
                username = bench
                password = %s
                max-messages = 1

                group = sms-service
                keyword = default
                text = "no service"
                """.formatted(admin, PASSWORD, PASSWORD, smsbox, dir, dir, smscPort, window, throughput == 0 ? "0" : String.valueOf(throughput),
                dir, smsbox, sendsms, dir, PASSWORD));
        Kannel k = new Kannel(dir, admin, sendsms);
        try {
            k.launch("bearerbox", conf);
            if (awaitBound) {
                k.awaitStatus(s -> s.contains("online"), Duration.ofSeconds(30), "bearerbox bound to the SMSC");
            } else {
                k.awaitStatus(s -> s.contains("SMSC connections"), Duration.ofSeconds(30), "bearerbox admin interface");
            }
            k.launch("smsbox", conf);
            k.awaitSendsms(Duration.ofSeconds(30));
            // smsbox accepts sendsms before it is connected to bearerbox, and then crashes writing to it
            k.awaitStatus(s -> s.contains("smsbox:"), Duration.ofSeconds(30), "smsbox connected to bearerbox");
        } catch (Exception e) {
            k.close();
            throw e;
        }
        return k;
    }

    /** Bearerbox admin {@code /suspend}: returns when the HTTP answer is read. */
    void suspend() throws Exception {
        admin("suspend");
    }

    void resume() throws Exception {
        admin("resume");
    }

    /** Puts {@code n} messages in through sendsms (8 concurrent HTTP callers); each must be accepted or queued. */
    void sendsms(int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int i = client; i < n; i += 8) {
                        String uri = "http://127.0.0.1:%d/cgi-bin/sendsms?username=bench&password=%s&from=HOPITAL&to=%s&text=bench+reminder+%d"
                                .formatted(sendsmsPort, PASSWORD, "09990" + String.format("%05d", i), i);
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() / 100 != 2) {
                            throw new IllegalStateException("sendsms answered " + r.statusCode() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until bearerbox no longer shows its SMSC connection online (after the SMSC went away). */
    void awaitUnbound() throws Exception {
        awaitStatus(s -> !s.contains("online"), Duration.ofSeconds(20), "SMSC disconnection seen");
    }

    /** bearerbox + smsbox resident memory, MiB. */
    double rssMib() {
        return processes.stream().mapToDouble(p -> BenchProcesses.rssMib(p.pid())).sum();
    }

    String status() throws Exception {
        return get("http://127.0.0.1:%d/status.txt?password=%s".formatted(adminPort, PASSWORD));
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            BenchProcesses.forget(p.toHandle());
        }
        processes.clear();
    }

    private void launch(String box, Path conf) throws IOException {
        Process p = new ProcessBuilder("/usr/sbin/" + box, conf.toString()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(box + ".out").toFile()).start();
        processes.add(p);
        BenchProcesses.track(p.toHandle(), box);
    }

    private void admin(String command) throws Exception {
        String body = get("http://127.0.0.1:%d/%s?password=%s".formatted(adminPort, command, PASSWORD));
        if (!body.toLowerCase().contains("kannel") && !body.toLowerCase().contains("avalanche")) {
            throw new IllegalStateException("bearerbox /" + command + " answered " + body);
        }
    }

    private void awaitStatus(java.util.function.Predicate<String> ready, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            alive();
            try {
                if (ready.test(status())) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Kannel: no " + what + " within " + timeout + "; see " + dir);
    }

    private void awaitSendsms(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            alive();
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:%d/".formatted(sendsmsPort))).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Kannel: smsbox not listening within " + timeout + "; see " + dir);
    }

    private void alive() {
        for (Process p : processes) {
            if (!p.isAlive()) {
                throw new IllegalStateException("Kannel process exited with " + p.exitValue() + "; see " + dir);
            }
        }
    }

    private String get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
