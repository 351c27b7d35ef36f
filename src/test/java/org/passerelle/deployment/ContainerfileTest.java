package org.passerelle.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image cannot be built here (no container engine), but the pod only starts if the image's user is the one
 * the chart runs as: with runAsNonRoot and a read-only root, any other UID owns nothing it needs.
 */
class ContainerfileTest {

    @Test
    void theImageRunsAsTheUserTheChartRunsAs() throws IOException {
        String containerfile = Files.readString(Chart.REPOSITORY.resolve("Containerfile"));
        JsonNode security = Chart.read(Chart.DIRECTORY.resolve("values.yaml")).path("securityContext");
        Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(containerfile);

        assertThat(user.find()).as("a numeric USER uid:gid (Kubernetes checks runAsNonRoot on the number)").isTrue();
        assertThat(Long.parseLong(user.group(1))).isEqualTo(security.path("runAsUser").asLong());
        assertThat(Long.parseLong(user.group(2))).isEqualTo(security.path("runAsGroup").asLong());
        assertThat(containerfile).contains("--uid " + user.group(1) + " ").contains("--gid " + user.group(2) + " ");
    }

    @Test
    void theImageRunsTheExtractedLayersWithoutAShell() throws IOException {
        String containerfile = Files.readString(Chart.REPOSITORY.resolve("Containerfile"));

        assertThat(containerfile).contains("FROM eclipse-temurin:17-jre")
                .contains("java -Djarmode=tools -jar passerelle.jar extract --layers --launcher")
                .containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]$");
    }
}
