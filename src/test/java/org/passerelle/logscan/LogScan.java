package org.passerelle.logscan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The suite's log scan ({@link SuiteLogScanTest}, same patterns) on one file, for tests that start Passerelle
 * processes and check their own logs at once, plain or JSON.
 */
public final class LogScan {

    private LogScan() {
    }

    /** How many log lines the file holds, plain or JSON. */
    public static long logLines(Path file) throws IOException {
        return SuiteLogScanTest.scan(file).logLines();
    }

    /** How many of them are JSON (structured logging). */
    public static long jsonLines(Path file) throws IOException {
        return java.nio.file.Files.readAllLines(file).stream().filter(JsonLogLines::isJsonLogLine).count();
    }

    /** The lines with patient or card data, each with what was found. */
    public static List<String> findings(Path file) throws IOException {
        return SuiteLogScanTest.scan(file).findings();
    }
}
