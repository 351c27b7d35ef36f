package org.passerelle.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Prometheus itself reads the alert rules and every dashboard query ({@code promtool check rules}, from the
 * Debian package {@code prometheus}, which .ci/run installs): a syntax error would otherwise show only when
 * Prometheus refuses the file or a panel stays empty. {@link PromQl} finds the metric names; this checks the rest.
 */
class PromtoolCheckTest {

    @Test
    void prometheusAcceptsTheAlertRules() throws Exception {
        assertThat(promtool("check", "rules", OpsFiles.ALERTS.toString())).contains("SUCCESS");
    }

    @Test
    void prometheusAcceptsEveryDashboardQuery(@TempDir Path dir) throws Exception {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (OpsFiles.Query query : OpsFiles.queries()) {
            if (query.origin().startsWith("panel")) {
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("record", "dashboard:query" + rules.size());
                // Grafana replaces its variables before sending the query; stand-ins of the same kind here
                rule.put("expr", query.expr().replace("$__rate_interval", "5m")
                        .replace("$namespace", ".*").replace("$instance", ".*"));
                rules.add(rule);
            }
        }
        assertThat(rules).hasSizeGreaterThan(20);
        Path file = dir.resolve("dashboard-queries.yaml");
        Files.writeString(file, new Yaml().dump(Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules)))));
        assertThat(promtool("check", "rules", file.toString())).contains("SUCCESS: " + rules.size() + " rules found");
    }

    private static String promtool(String... arguments) throws IOException, InterruptedException {
        String binary = findOnPath("promtool");
        assertThat(binary).as("promtool on the PATH (Debian package prometheus; .ci/run installs it)").isNotNull();
        List<String> command = new ArrayList<>(List.of(binary));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static String findOnPath(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
