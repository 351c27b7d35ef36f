package org.passerelle.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules load in Prometheus's rule-file format with what on-call staff need on each alert, and point
 * at runbook sections that exist under these names; the dashboard imports into Grafana with a datasource of
 * the user's choice. Whether the metrics they use exist is {@link OpsFilesMatchExportedMetricsTest}.
 */
class OpsFilesFormatTest {

    /** The docs/runbook.md sections the alerts link to (docs/observability.md lists them): renaming one must fail here. */
    static final Set<String> RUNBOOK_ANCHORS = Set.of(
            "channel-suspended-or-isolated", "breaker-open", "reminders-expiring", "delivery-rate-falling",
            "smsc-bind-down", "payments-in-doubt", "mllp-rejects", "mllp-connections-refused", "control-plane-unhealthy");
    private static final Pattern RUNBOOK = Pattern.compile("docs/runbook\\.md#([a-z0-9-]+)");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasAnExpressionADelayASeverityPlainWordsAndARunbookSection() {
        List<Map<String, Object>> rules = OpsFiles.alertRules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(10);
        Set<String> names = new HashSet<>();
        Set<String> anchorsUsed = new TreeSet<>();
        for (Map<String, Object> rule : rules) {
            String name = String.valueOf(rule.get("alert"));
            assertThat(name).as("alert name").matches("Passerelle[A-Z][A-Za-z0-9]+");
            assertThat(names.add(name)).as("alert %s defined once", name).isTrue();
            assertThat(rule.get("expr")).as("%s expr", name).isInstanceOf(String.class);
            assertThat(PromQl.selectors((String) rule.get("expr"))).as("%s reads a metric", name).isNotEmpty();
            assertThat(String.valueOf(rule.get("for"))).as("%s for", name).matches(DURATION);
            Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
            assertThat(labels).as("%s labels", name).isNotNull();
            assertThat(SEVERITIES).as("%s severity", name).contains(String.valueOf(labels.get("severity")));
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            assertThat(annotations).as("%s annotations", name).isNotNull();
            assertThat(String.valueOf(annotations.get("summary"))).as("%s summary", name).hasSizeBetween(10, 120);
            assertThat(String.valueOf(annotations.get("description"))).as("%s description", name).hasSizeGreaterThan(40);
            Matcher runbook = RUNBOOK.matcher(String.valueOf(annotations.get("runbook")));
            assertThat(runbook.matches()).as("%s runbook is docs/runbook.md#<section>: %s", name, annotations.get("runbook")).isTrue();
            assertThat(RUNBOOK_ANCHORS).as("%s runbook section", name).contains(runbook.group(1));
            anchorsUsed.add(runbook.group(1));
        }
        assertThat(anchorsUsed).as("every listed runbook section is linked by an alert").isEqualTo(new TreeSet<>(RUNBOOK_ANCHORS));
    }

    @Test
    void theAlertsCoverWhatOpsMustHearAbout() {
        Set<String> metrics = new HashSet<>();
        for (Map<String, Object> rule : OpsFiles.alertRules()) {
            PromQl.selectors(String.valueOf(rule.get("expr"))).forEach(s -> metrics.add(s.metric()));
        }
        assertThat(metrics).contains("passerelle_channel_state", "resilience4j_circuitbreaker_state",
                "passerelle_sms_reminders_expired_total", "passerelle_payments_in_doubt",
                "passerelle_payments_in_doubt_oldest_seconds", "passerelle_sms_receipts_total",
                "passerelle_hl7_messages_total", "passerelle_hl7_connections_refused_total",
                "passerelle_control_plane_read_age_seconds", "passerelle_control_plane_revision",
                "passerelle_sms_smsc_connections");
    }

    @Test
    void theDashboardImportsWithAChosenPrometheusAndFiltersByNamespaceAndReplica() {
        JsonNode dashboard = OpsFiles.dashboard();
        assertThat(dashboard.path("schemaVersion").isInt()).isTrue();
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        List<String> variables = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            variables.add(variable.path("name").asText());
            if (variable.path("name").asText().equals("DS_PROMETHEUS")) {
                assertThat(variable.path("type").asText()).isEqualTo("datasource");
                assertThat(variable.path("query").asText()).isEqualTo("prometheus");
            } else {
                assertThat(variable.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
            }
        }
        assertThat(variables).containsExactly("DS_PROMETHEUS", "namespace", "instance");

        Set<Integer> ids = new HashSet<>();
        List<String> metrics = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s unique", panel.path("id")).isTrue();
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            String title = panel.path("title").asText();
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${DS_PROMETHEUS}");
            assertThat(panel.path("targets").size()).as("%s has queries", title).isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).as(title).isEqualTo("${DS_PROMETHEUS}");
                String expr = target.path("expr").asText();
                assertThat(expr).as("%s filters by namespace and replica", title)
                        .contains("namespace=~\"$namespace\"").contains("instance=~\"$instance\"");
                PromQl.selectors(expr).forEach(s -> metrics.add(s.metric()));
            }
        }
        assertThat(metrics).as("what the dashboard shows").contains("passerelle_channel_state", "resilience4j_circuitbreaker_state",
                "passerelle_sms_reminders_submitted_total", "passerelle_sms_receipts_total", "passerelle_sms_reminders_expired_total",
                "passerelle_sms_reminders_waiting", "resilience4j_circuitbreaker_calls_seconds_bucket",
                "passerelle_hl7_messages_total", "passerelle_hl7_connections_open", "passerelle_payments_outcomes_total",
                "passerelle_payments_in_doubt", "jvm_memory_used_bytes", "http_server_requests_seconds_bucket");
    }
}
