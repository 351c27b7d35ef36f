package org.passerelle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Child processes a benchmark starts (bearerbox, smsbox, Passerelle jars): each pid is written to
 * {@code target/benchmarks/pids/}, so {@code bench/run} can end exactly those if the test JVM dies, and a
 * shutdown hook ends them when the JVM exits normally or on SIGTERM.
 */
final class BenchProcesses {

    static final Path DIR = Path.of("target", "benchmarks", "pids");
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private BenchProcesses() {
    }

    static void track(ProcessHandle process, String name) {
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(String.valueOf(process.pid())), name + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }));
    }

    static void forget(ProcessHandle process) {
        try {
            Files.deleteIfExists(DIR.resolve(String.valueOf(process.pid())));
        } catch (IOException e) {
            // bench/run ends what is left
        }
    }

    /** The child {@code java -jar} process {@link org.passerelle.testsupport.PasserelleProcess} started on this HTTP port. */
    static Optional<ProcessHandle> passerelleOnPort(int port) {
        String marker = "--server.port=" + port;
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> java.util.Arrays.asList(a).contains(marker)).orElse(false))
                .findFirst();
    }

    /** Resident memory of a process from /proc/&lt;pid&gt;/status, in MiB. */
    static double rssMib(long pid) {
        try {
            Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
            if (m.find()) {
                return Long.parseLong(m.group(1)) / 1024.0;
            }
        } catch (IOException e) {
            // gone
        }
        return Double.NaN;
    }
}
