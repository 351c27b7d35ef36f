package org.passerelle.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.CASHIER;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.passerelle.observability.Exposition.Sample;
import org.passerelle.observability.PromQl.LabelMatcher;
import org.passerelle.observability.PromQl.Selector;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.MllpClient;
import org.passerelle.testsupport.PasserelleProcess;
import org.passerelle.testsupport.smsc.TestSmsc;
import org.passerelle.testsupport.terminal.Behaviour;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every metric the alert rules and the dashboard read is exported by a freshly started Passerelle (real routes,
 * a real SMSC and terminal backend), before any reminder, payment or HL7 message: a dashboard never shows
 * "no data" and an alert never stays silent for want of a series. Names are compared with the exposition's
 * sample names as they are ({@code _bucket} exists only where histogram buckets are configured); each label
 * value an expression names must occur on that metric. Labels the scraper adds (namespace, instance, job, pod)
 * and Grafana variables are not checked, nor regexes other than plain alternations, nor grouping lists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@AutoConfigureObservability(tracing = false)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsFilesMatchExportedMetricsTest {

    private static final Set<String> SCRAPER_LABELS = Set.of("namespace", "instance", "job", "pod");
    private static final int MLLP_PORT = PasserelleProcess.freePort();
    static final TestSmsc SMSC = TestSmsc.started();
    static final FakeTerminalBackend BACKEND = FakeTerminalBackend.started();

    @DynamicPropertySource
    static void outsideServices(DynamicPropertyRegistry registry) {
        SMSC.register(registry);
        registry.add("passerelle.sms.smsc.reconnect-delay", () -> "200ms");
        registry.add("passerelle.payments.backend.url", BACKEND::url);
        registry.add("passerelle.hl7.port", () -> MLLP_PORT);
    }

    @AfterAll
    static void stopOutsideServices() {
        SMSC.close();
        BACKEND.close();
    }

    @LocalServerPort
    int port;

    private Exposition scrape() {
        ApiResponse response = Api.onPort(port).as(AUDITOR).get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return Exposition.parse(response.body());
    }

    @Test
    @Order(1)
    void everyMetricAndLabelValueTheAlertsAndTheDashboardUseIsExportedFromStart() {
        scrape(); // the first HTTP request: HTTP server metrics exist from the second scrape on
        Exposition exported = scrape();
        List<String> missing = new ArrayList<>();
        List<OpsFiles.Query> queries = OpsFiles.queries();
        assertThat(queries).hasSizeGreaterThan(30);
        for (OpsFiles.Query query : queries) {
            for (Selector selector : PromQl.selectors(query.expr())) {
                missing.addAll(check(exported, query.origin(), selector));
            }
        }
        for (Map.Entry<String, String> variable : OpsFiles.templateQueries().entrySet()) {
            String[] labelValues = PromQl.labelValuesQuery(variable.getValue());
            assertThat(labelValues).as("variable %s is label_values(selector, label)", variable.getKey()).isNotNull();
            for (Selector selector : PromQl.selectors(labelValues[0])) {
                missing.addAll(check(exported, "variable " + variable.getKey(), selector));
                if (!SCRAPER_LABELS.contains(labelValues[1]) && exported.named(selector.metric()).stream()
                        .noneMatch(s -> s.labels().containsKey(labelValues[1]))) {
                    missing.add("variable " + variable.getKey() + ": no label " + labelValues[1] + " on " + selector.metric());
                }
            }
        }
        assertThat(missing).as("metrics or label values used in ops/ but not exported").isEmpty();
    }

    private static List<String> check(Exposition exported, String origin, Selector selector) {
        List<Sample> samples = exported.named(selector.metric());
        if (samples.isEmpty()) {
            return List.of(origin + ": " + selector.metric() + " is not exported");
        }
        List<String> problems = new ArrayList<>();
        for (LabelMatcher matcher : selector.matchers()) {
            if (SCRAPER_LABELS.contains(matcher.label()) || matcher.usesVariable()) {
                continue;
            }
            if (samples.stream().noneMatch(s -> s.labels().containsKey(matcher.label()))) {
                problems.add(origin + ": " + selector.metric() + " has no label " + matcher.label());
                continue;
            }
            for (String value : matcher.literalValues()) {
                if (samples.stream().noneMatch(s -> value.equals(s.labels().get(matcher.label())))) {
                    problems.add(origin + ": " + selector.metric() + " has no series with " + matcher.label() + "=\"" + value + "\"");
                }
            }
        }
        return problems;
    }

    @Test
    @Order(2)
    void theMetricsFollowAnHl7RejectAnApprovedPaymentAndTheSmscBind() {
        Exposition before = scrape();
        try (MllpClient client = new MllpClient(MLLP_PORT)) {
            String ack = client.send("MSH|^~\\&|LAB|FAC|PASSERELLE|HOP|20260101120000||ADT^A01|OBS-1|P|2.5\r");
            assertThat(ack).contains("MSA|AR");
        }
        String terminal = "OBS-" + UUID.randomUUID().toString().substring(0, 8);
        BACKEND.on(terminal, Behaviour.APPROVE);
        ApiResponse started = Api.onPort(port).as(CASHIER).idempotencyKey(UUID.randomUUID().toString()).post("/api/payments",
                "{\"terminalId\":\"" + terminal + "\",\"amountMinor\":1250,\"currency\":\"EUR\",\"reference\":\"FAC-OBS-1\",\"cashierLabel\":\"Caisse 1\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Exposition now = scrape();
            assertThat(value(now, "passerelle_hl7_messages_total", "ack", "ar") - value(before, "passerelle_hl7_messages_total", "ack", "ar"))
                    .isEqualTo(1.0);
            assertThat(value(now, "passerelle_payments_outcomes_total", "outcome", "approved")
                    - value(before, "passerelle_payments_outcomes_total", "outcome", "approved")).isEqualTo(1.0);
            assertThat(value(now, "passerelle_sms_smsc_connections", null, null)).as("sockets to the SMSC").isPositive();
            assertThat(value(now, "passerelle_payments_in_doubt", null, null)).isZero();
            assertThat(value(now, "passerelle_control_plane_revision", null, null)).isNotNegative();
            assertThat(value(now, "passerelle_control_plane_read_age_seconds", null, null)).isLessThan(10.0);
        });
    }

    /** The value of the one sample of {@code name} (with {@code label=value} when given). */
    private static double value(Exposition exported, String name, String label, String value) {
        List<Sample> samples = exported.named(name).stream()
                .filter(s -> label == null || value.equals(s.labels().get(label))).toList();
        assertThat(samples).as("%s{%s=%s}", name, label, value).hasSize(1);
        return samples.get(0).value();
    }
}
