package org.passerelle.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs after the whole suite (its own surefire execution in the verify phase, see pom.xml) and reads every log
 * line Passerelle wrote during it — the captured output of every test class in target/surefire-reports and the
 * logs of the Passerelle processes under target/faults, plain or JSON (ECS) — looking
 * for what must never be logged: a phone number in any usual form, an SMS text, a card number (13–19 digits
 * passing Luhn, whatever separates them), a CVV or expiry next to its label, track data.
 */
@Tag("log-scan")
class SuiteLogScanTest {

    static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[.,]\\d+\\S* +(TRACE|DEBUG|INFO|WARN|ERROR) ");
    private static final List<Pattern> FORBIDDEN = List.of(
            // French numbers, national or international, with or without separators (+33 6 12 34 56 78, 0612345678)
            Pattern.compile("(?<![\\w.])(?:\\+?33 ?|0)[1-9](?:[ .-]?\\d{2}){4}(?![\\w])"),
            // E.164 without "+" as SMPP carries it, overseas codes included
            Pattern.compile("(?<!\\d)(?:33|262|590|594|596|269|687|689)[67]\\d{8}(?!\\d)"),
            // reminder texts (the templates' fixed words)
            Pattern.compile("Rappel : RDV|Pour annuler ou d[ée]placer|RDV \\d"),
            // card data labels with a value
            Pattern.compile("(?i)(cvv|cvc|cvv2|cardholder|expiry|expir\\w*date)\\W{0,3}\\d{3,4}"),
            // track 2 equivalent data: PAN=YYMM...
            Pattern.compile("\\d{13,19}=\\d{4}"));
    /**
     * How a card number shows up in a log line: 13–19 digits in one run, or in groups of four split by a space, dot
     * or dash. (Free-text fields, where any separator is refused, are CardNumbers' job; a log scan that looked
     * through every separator would flag ids such as an HL7 control id ending in a date.)
     */
    private static final Pattern DIGIT_RUN = Pattern.compile(
            "(?<![\\w-])(?:\\d{13,19}|\\d{4}(?:[ .-]\\d{4}){2,3}(?:[ .-]\\d{1,3})?)(?![\\w-])");

    @Test
    void noLogLineOfTheSuiteHoldsPatientOrCardData() throws IOException {
        Path reports = Path.of("target", "surefire-reports");
        List<Path> outputs;
        try (Stream<Path> files = Files.list(reports)) {
            outputs = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith("-output.txt"))
                    .filter(p -> !p.getFileName().toString().contains(SuiteLogScanTest.class.getSimpleName()))
                    .toList());
        }
        assertThat(outputs).as("captured test output to scan (run after the suite)").isNotEmpty();
        outputs.addAll(processLogs());
        List<String> findings = new ArrayList<>();
        long lines = 0;
        for (Path output : outputs) {
            Scan scan = scan(output);
            lines += scan.logLines();
            scan.findings().forEach(f -> findings.add(output.getFileName() + ": " + f));
        }
        System.out.printf("Log scan: %d log lines in %d files (test classes' output and Passerelle processes' logs)%n",
                lines, outputs.size());
        assertThat(lines).as("log lines scanned").isPositive();
        assertThat(findings).as("log lines with patient or card data").isEmpty();
    }

    /**
     * The logs of the Passerelle processes the suite started ({@code PasserelleProcess} writes each one's stdout to
     * {@code target/faults/<name>-<millis>/passerelle.log}): the replica tests' and, after {@code -Pfaults}, the
     * fault harness's.
     */
    static List<Path> processLogs() throws IOException {
        Path root = Path.of("target", "faults");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            return files.filter(p -> p.getFileName().toString().equals("passerelle.log")).sorted().toList();
        }
    }

    /** What a scan of one file found: the log lines it read and the findings, each with its line. */
    record Scan(long logLines, List<String> findings) {
    }

    /**
     * Scans a file's log lines, plain ({@link #LOG_LINE}) or JSON (Spring Boot's structured logging, one object a
     * line); other lines are a test's own prints.
     */
    static Scan scan(Path file) throws IOException {
        long lines = 0;
        List<String> findings = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String finding;
            if (LOG_LINE.matcher(line).find()) {
                finding = finding(line);
            } else if (JsonLogLines.isJsonLogLine(line)) {
                finding = JsonLogLines.finding(line);
            } else {
                continue;
            }
            lines++;
            if (finding != null) {
                findings.add(finding + " in: " + line.substring(0, Math.min(300, line.length())));
            }
        }
        return new Scan(lines, findings);
    }

    /** Ids (UUIDs) are random hex: their digit groups can look like a phone number. */
    private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    static String finding(String logLine) {
        String line = UUID.matcher(logLine).replaceAll("<uuid>");
        for (Pattern p : FORBIDDEN) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                return "'" + p.pattern() + "'";
            }
        }
        Matcher digits = DIGIT_RUN.matcher(line);
        while (digits.find()) {
            String run = digits.group().replaceAll("\\D", "");
            if (run.length() >= 13 && run.length() <= 19 && luhn(run)) {
                return "a card number";
            }
        }
        return null;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
