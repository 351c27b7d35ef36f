package org.passerelle.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmarks' result contract: each benchmark class writes {@code target/benchmarks/results/<ClassName>.tsv},
 * one line per figure, tab-separated, no header:
 * {@code section metric reference_name reference_value passerelle_value unit better target}
 * ({@code better} is {@code higher} or {@code lower}; {@code -} where there is no reference or target).
 * Lines are appended as soon as a figure is known, so a benchmark that fails half-way keeps what it measured;
 * a figure that could not be measured is written with the value {@code failed} and the reason as its target.
 * {@code bench/run} reads every file and prints the one table.
 */
final class BenchResults {

    static final Path DIR = Path.of("target", "benchmarks", "results");
    private final Path file;

    BenchResults(Class<?> benchmark) {
        try {
            Files.createDirectories(DIR);
            file = DIR.resolve(benchmark.getSimpleName() + ".tsv");
            Files.deleteIfExists(file);
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rounds per figure ({@code -Dbench.rounds}, default 3); each figure is the median of its rounds. */
    static int rounds() {
        return Math.max(1, Integer.getInteger("bench.rounds", 3));
    }

    /** {@code -Dbench.quick=true}: smaller backlogs and fewer trials, to try the command. */
    static boolean quick() {
        return Boolean.getBoolean("bench.quick");
    }

    void figure(String section, String metric, String referenceName, Double reference, double value, String unit,
                String better, String target) {
        write(section, metric, referenceName, reference == null ? "-" : format(reference), format(value), unit, better, target);
    }

    void failed(String section, String metric, Throwable cause) {
        String reason = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        write(section, metric, "-", "-", "failed", "-", "-", reason.replaceAll("\\s+", " "));
        System.out.println("BENCHMARK " + section + " / " + metric + " failed: " + reason);
    }

    private void write(String... fields) {
        String line = String.join("\t", fields) + "\n";
        System.out.print("BENCHMARK " + line.replace('\t', '|'));
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, rank - 1)));
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
