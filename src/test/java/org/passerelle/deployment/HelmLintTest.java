package org.passerelle.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** helm lint, as an operator runs it before an install: with the chart's defaults and with a full production file. */
class HelmLintTest {

    @Test
    void lintPassesWithTheDefaultValues() {
        LintResult result = Chart.lint();

        assertThat(result.isFailed()).as("helm lint: %s", result.getMessages()).isFalse();
    }

    @Test
    void lintPassesWithTheProductionValues(@TempDir Path work) {
        LintResult result = Chart.lintWith(Chart.PRODUCTION_VALUES, work);

        assertThat(result.isFailed()).as("helm lint -f ci/production-values.yaml: %s", result.getMessages()).isFalse();
    }

    @Test
    void lintFailsOnValuesTheSchemaRefuses(@TempDir Path work) {
        LintResult result = Chart.lintWith(Chart.values(work, "bad", "replicaCount: 0\n"), work);

        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("replicaCount");
    }
}
