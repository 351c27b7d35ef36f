package org.passerelle.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passerelle as a separate operating-system process, {@code java -jar target/passerelle-*.jar}, for the fault
 * harness ({@code org.passerelle.faults}) and the replica tests ({@code org.passerelle.replicas}): started with the test users, keys and sites of application-test.yml
 * (copied into a generated file given as {@code --spring.config.additional-location}) plus the caller's
 * arguments, on a free HTTP port; stdout and stderr go to one log file that every restart appends to.
 *
 * <p>{@link #kill()} is SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no graceful
 * anything. {@link #stop()} is SIGTERM (Spring's graceful shutdown). {@link #restart()} starts a new process
 * with the same arguments (same schema, same SMSC, same backend).
 */
public final class PasserelleProcess implements AutoCloseable {

    /** Readiness can take 30–60 s on a loaded 2-core machine, over 2 min at load 20; this is the bound. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final Path dir;
    private final Path log;
    private final List<String> args;
    private final List<String> jvmOptions;
    private Process process;
    private int port;
    private int starts;

    private PasserelleProcess(Path dir, List<String> jvmOptions, List<String> args) {
        this.dir = dir;
        this.log = dir.resolve("passerelle.log");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.args = List.copyOf(args);
    }

    /** Starts a process and waits for readiness UP. {@code name} names the folder under target/faults. */
    public static PasserelleProcess start(String name, List<String> args) {
        return start(name, List.of(), args);
    }

    /**
     * Starts a process with extra JVM options (before {@code -jar}, e.g. {@code -XX:TieredStopAtLevel=1} for a
     * faster start where throughput is not measured) and waits for readiness UP.
     */
    public static PasserelleProcess start(String name, List<String> jvmOptions, List<String> args) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "faults", name + "-" + System.currentTimeMillis()));
            PasserelleProcess p = new PasserelleProcess(dir, jvmOptions, args);
            p.launch();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Api api() {
        return Api.onPort(port);
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return log;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM (graceful shutdown), then waits up to 60 s, then SIGKILL. */
    public void stop() {
        process.destroy();
        awaitStopped();
    }

    /** SIGTERM only, to watch the shutdown from outside; {@link #awaitStopped()} then waits for its end. */
    public void beginStop() {
        process.destroy();
    }

    /** Waits up to 60 s for the process to end after {@link #beginStop()}, then SIGKILL. */
    public void awaitStopped() {
        if (!waitFor(Duration.ofSeconds(60))) {
            kill();
        }
    }

    /** A new process with the same arguments (a new HTTP port); waits for readiness UP. */
    public Duration restart() {
        if (isAlive()) {
            throw new IllegalStateException("still running: kill() or stop() first");
        }
        long t0 = System.nanoTime();
        launch();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** The readiness probe's HTTP status now (200 UP, 503 DOWN), or -1 when nothing answers. */
    public int readiness() {
        try {
            return api().anonymous().get("/actuator/health/readiness").status();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Lines of the log (every run so far) that hold a French mobile number in any usual writing. */
    public List<String> linesWithPhoneNumbers() {
        return PhoneScan.linesWithMobileNumbers(log);
    }

    @Override
    public void close() {
        if (isAlive()) {
            kill();
        }
    }

    private void launch() {
        try {
            port = freePort();
            Path config = dir.resolve("faults.yml");
            if (!Files.exists(config)) {
                try (InputStream in = PasserelleProcess.class.getResourceAsStream("/application-test.yml")) {
                    Files.write(config, in.readAllBytes());
                }
            }
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:+UseSerialGC"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar().toString(),
                    "--spring.config.additional-location=file:" + config.toAbsolutePath(),
                    "--server.port=" + port, "--server.address=127.0.0.1", "--passerelle.hl7.port=0",
                    "--spring.application.name=passerelle-fault-run-" + (++starts)));
            command.addAll(args);
            Files.writeString(log, "=== start " + starts + " ===\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Passerelle exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            if (readiness() == 200) {
                return;
            }
            sleep(500);
        }
        kill();
        throw new IllegalStateException("Passerelle not ready within " + START_TIMEOUT + "; see " + log);
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The repackaged jar that {@code mvn package} built (not the {@code .original}). */
    static Path jar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "passerelle-*.jar")) {
            for (Path p : jars) {
                return p.toAbsolutePath();
            }
        }
        throw new IllegalStateException("No target/passerelle-*.jar: run the fault tests with mvn -B -Pfaults verify");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Finds French mobile numbers (0…, +33…, 33…; spaces, dots or dashes between pairs) in log lines. */
    static final class PhoneScan {
        private static final Pattern CANDIDATE = Pattern.compile("(?<![\\w+])\\+?\\d(?:[ .\\-]?\\d){8,11}(?!\\w)");
        private static final Pattern MOBILE = Pattern.compile("(?:0|33|0033)[67]\\d{8}");

        private PhoneScan() {
        }

        static List<String> linesWithMobileNumbers(Path log) {
            List<String> hits = new ArrayList<>();
            try {
                for (String line : (Iterable<String>) new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()::iterator) {
                    Matcher m = CANDIDATE.matcher(line);
                    while (m.find()) {
                        if (MOBILE.matcher(m.group().replaceAll("[^0-9]", "")).matches()) {
                            hits.add(line);
                            break;
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return hits;
        }
    }
}
