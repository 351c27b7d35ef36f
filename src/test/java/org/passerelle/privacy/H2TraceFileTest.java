package org.passerelle.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The local default's H2 file database writes no trace file: H2's default ({@code TRACE_LEVEL_FILE=1}, errors)
 * records every failing statement in {@code <db>.trace.db}, values included, a file of patient data that no purge
 * reaches. The control case shows the test would see such a file.
 */
class H2TraceFileTest {

    private static final String NUMBER = "+33698765432";

    @Test
    void theLocalUrlTurnsTheTraceFileOff(@TempDir Path dir) throws Exception {
        String url = localUrl();
        assertThat(url).contains(";TRACE_LEVEL_FILE=0");
        failAStatementHoldingANumber(url.replace("./data/passerelle", dir.resolve("passerelle").toString()));
        assertThat(traceFiles(dir)).as("no *.trace.db next to the database").isEmpty();
        assertThat(anyFileHolds(dir, NUMBER)).isFalse();
    }

    @Test
    void withoutItAFailingStatementLandsInTheTraceFileWithItsValue(@TempDir Path dir) throws Exception {
        failAStatementHoldingANumber(localUrl().replace(";TRACE_LEVEL_FILE=0", "")
                .replace("./data/passerelle", dir.resolve("passerelle").toString()));
        assertThat(traceFiles(dir)).isNotEmpty();
        assertThat(anyFileHolds(dir, NUMBER)).as("the control case: H2's default leaks the value").isTrue();
    }

    @SuppressWarnings("unchecked")
    private static String localUrl() throws IOException {
        try (InputStream in = H2TraceFileTest.class.getResourceAsStream("/application-local.yml")) {
            Map<String, Object> yaml = new Yaml().load(in);
            Map<String, Object> datasource = (Map<String, Object>) ((Map<String, Object>) yaml.get("spring")).get("datasource");
            return (String) datasource.get("url");
        }
    }

    private static void failAStatementHoldingANumber(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("create table short_column (v varchar(5))");
            try (PreparedStatement st = c.prepareStatement("insert into short_column (v) values (?)")) {
                st.setString(1, NUMBER);
                assertThatThrownBy(st::executeUpdate).isInstanceOf(SQLException.class);
            }
        }
    }

    private static List<Path> traceFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".trace.db")).toList();
        }
    }

    private static boolean anyFileHolds(Path dir, String value) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".trace.db")).anyMatch(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(value);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}
