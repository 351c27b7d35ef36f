package org.passerelle.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The figures of a fault run: printed and appended to target/faults/figures.md (copied into docs/reliability.md). */
final class Figures {

    private static final Path FILE = Path.of("target", "faults", "figures.md");

    private Figures() {
    }

    static void record(String scenario, String format, Object... args) {
        String line = "- " + Instant.now() + " **" + scenario + "**: " + String.format(java.util.Locale.ROOT, format, args);
        System.out.println("FAULTS " + line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double seconds(long fromNanos) {
        return (System.nanoTime() - fromNanos) / 1e9;
    }
}
