package org.passerelle.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** helm template with the production values, read as typed objects: what the cluster would get. */
class RenderedManifestsTest {

    private static final Manifests PRODUCTION = Chart.render(Chart.PRODUCTION_VALUES);
    private static final Manifests DEFAULTS = Chart.render();
    private static final JsonNode PRODUCTION_VALUES = Chart.read(Chart.PRODUCTION_VALUES);

    @Test
    void theDefaultsRenderEveryAlwaysOnObjectAndNoOptionalOne() {
        assertThat(DEFAULTS.kinds()).containsExactly(
                "ConfigMap", "ConfigMap", "Deployment", "NetworkPolicy", "PodDisruptionBudget", "Service", "ServiceAccount");
        assertThat(DEFAULTS.one(Deployment.class).getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void theProductionValuesRenderTheMonitoringObjectsToo() {
        assertThat(PRODUCTION.kinds()).contains("ServiceMonitor", "PrometheusRule");
        assertThat(PRODUCTION.one(Deployment.class).getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void probesAskTheActuatorGroupsOnTheHttpPort() {
        Container container = PRODUCTION.container();

        assertThat(container.getPorts()).extracting(p -> p.getName() + "=" + p.getContainerPort())
                .containsExactlyInAnyOrder("http=8080", "mllp=2575");
        assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
        assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
        assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void serviceExposesTheHttpAndMllpPorts() {
        Service service = PRODUCTION.one(Service.class);

        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName, p -> p.getPort(), p -> p.getTargetPort().getStrVal())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("http", 8080, "http"),
                        org.assertj.core.groups.Tuple.tuple("mllp", 2575, "mllp"));
        assertThat(service.getSpec().getSelector()).isEqualTo(
                PRODUCTION.one(Deployment.class).getSpec().getSelector().getMatchLabels());
    }

    @Test
    void podAndContainerRunRestricted() {
        PodSpec pod = PRODUCTION.one(Deployment.class).getSpec().getTemplate().getSpec();
        PodSecurityContext podSecurity = pod.getSecurityContext();
        SecurityContext security = PRODUCTION.container().getSecurityContext();

        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(podSecurity.getRunAsUser()).isEqualTo(10001L);
        assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getRunAsUser()).isEqualTo(10001L);
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getPrivileged()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(PRODUCTION.container().getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/tmp");
            assertThat(pod.getVolumes()).anySatisfy(v -> {
                assertThat(v.getName()).isEqualTo(m.getName());
                assertThat(v.getEmptyDir()).isNotNull();
            });
        });
    }

    @Test
    void rollingUpdateNeverLowersCapacityAndLeavesPaymentsTheirGrace() {
        Deployment deployment = PRODUCTION.one(Deployment.class);
        RollingUpdateDeployment rolling = deployment.getSpec().getStrategy().getRollingUpdate();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        int preStop = PRODUCTION.container().getLifecycle().getPreStop().getSleep().getSeconds().intValue();
        int paymentGrace = PRODUCTION_VALUES.path("payments").path("shutdownGraceSeconds").asInt();

        assertThat(rolling.getMaxUnavailable().getIntVal()).isZero();
        assertThat(rolling.getMaxSurge().getIntVal()).isEqualTo(1);
        assertThat(preStop).isEqualTo(10);
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(preStop + paymentGrace + 10L);
        assertThat(PRODUCTION.configMap("config").getData().get("application.yml")).contains("shutdown-grace: " + paymentGrace + "s");
        PodDisruptionBudget budget = PRODUCTION.one(PodDisruptionBudget.class);
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
    }

    @Test
    void passerelleReadsTheMountedRoutesAndConfiguration() {
        Map<String, String> env = plainEnv(PRODUCTION.container());
        Map<String, String> mounts = PRODUCTION.container().getVolumeMounts().stream()
                .collect(Collectors.toMap(m -> m.getName(), m -> m.getMountPath()));

        assertThat(env).containsEntry("CAMEL_MAIN_ROUTESINCLUDEPATTERN", "file:/etc/passerelle/routes/*.yaml")
                .containsEntry("SPRING_CONFIG_ADDITIONAL_LOCATION",
                        "file:/etc/passerelle/config/application.yml,file:/etc/passerelle/users/users.yaml")
                .containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
                .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                .containsEntry("TZ", "Europe/Paris");
        assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=70");
        assertThat(PRODUCTION.one(Deployment.class).getSpec().getTemplate().getSpec().getEnableServiceLinks())
                .as("Service links would add PASSERELLE_SERVICE_HOST, PASSERELLE_PORT_... (read as passerelle.* settings)")
                .isFalse();
        assertThat(mounts).containsEntry("routes", "/etc/passerelle/routes")
                .containsEntry("config", "/etc/passerelle/config")
                .containsEntry("users", "/etc/passerelle/users");
    }

    @Test
    void theRoutesConfigMapIsTheRoutesDirectoryFileByFile() throws IOException {
        Map<String, String> routes = new TreeMap<>();
        try (Stream<Path> files = Files.list(Chart.REPOSITORY.resolve("routes"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                routes.put(file.getFileName().toString(), Files.readString(file));
            }
        }

        assertThat(routes).isNotEmpty();
        assertThat(new TreeMap<>(PRODUCTION.configMap("routes").getData())).isEqualTo(routes);
    }

    @Test
    void thePrometheusRuleHoldsTheRulesOfOpsPrometheus() {
        JsonNode rules = Chart.read(Chart.REPOSITORY.resolve("ops/prometheus/alerts.yaml"));
        JsonNode rendered = Chart.YAML.valueToTree(PRODUCTION.one("PrometheusRule").getAdditionalProperties().get("spec"));

        assertThat(rules.path("groups").size()).isPositive();
        assertThat(rendered.path("groups")).isEqualTo(rules.path("groups"));
    }

    @Test
    void theChartsFilesAreTheRepositorysOwn() throws IOException {
        assertThat(Files.readString(Chart.DIRECTORY.resolve("files/alerts.yaml")))
                .isEqualTo(Files.readString(Chart.REPOSITORY.resolve("ops/prometheus/alerts.yaml")));
        assertThat(Files.isSameFile(Chart.DIRECTORY.resolve("files/routes"), Chart.REPOSITORY.resolve("routes"))).isTrue();
    }

    @Test
    void secretsComeFromSecretsTheChartOnlyNames() {
        Container container = PRODUCTION.container();
        Map<String, String> fromSecrets = container.getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .collect(Collectors.toMap(EnvVar::getName,
                        e -> e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey()));

        assertThat(PRODUCTION.kinds()).doesNotContain("Secret");
        assertThat(fromSecrets).isEqualTo(Map.of(
                "PASSERELLE_DB_PASSWORD", "passerelle-db/password",
                "PASSERELLE_SMS_SMSC_PASSWORD", "passerelle-smsc/password",
                "PASSERELLE_PAYMENTS_BACKEND_APIKEY", "passerelle-terminal-backend/api-key",
                "PASSERELLE_PRIVACY_PHONEENCRYPTIONKEYS_K1", "passerelle-phone-keys/encryption-k1",
                "PASSERELLE_PRIVACY_PHONEENCRYPTIONKEYS_K2", "passerelle-phone-keys/encryption-k2",
                "PASSERELLE_PRIVACY_PHONEHASHKEYS_K1", "passerelle-phone-keys/hash-k1",
                "PASSERELLE_PRIVACY_PHONEHASHKEYS_K2", "passerelle-phone-keys/hash-k2"));
        assertThat(PRODUCTION.one(Deployment.class).getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getSecret() != null)
                .extracting(v -> v.getSecret().getSecretName())
                .containsExactly("passerelle-users");
    }

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|api_?key|token|key)$");
    private static final Pattern SECRET_LOOKING = Pattern.compile("\\{bcrypt}.*|\\$2[aby]\\$.*|[A-Za-z0-9+/]{32,}={0,2}");

    @Test
    void noPlainEnvironmentValueOrConfigurationLooksLikeASecret() {
        for (Manifests manifests : new Manifests[] {PRODUCTION, DEFAULTS}) {
            plainEnv(manifests.container()).forEach((name, value) -> {
                assertThat(name).as("plain env %s", name).doesNotMatch(SECRET_NAME);
                assertThat(value).as("plain env %s", name).doesNotMatch(SECRET_LOOKING);
            });
            for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
                configMap.getData().forEach((file, content) -> assertThat(content)
                        .as("%s in ConfigMap %s", file, configMap.getMetadata().getName())
                        .doesNotContainPattern("(?im)^\\s*[\\w.-]*(password|api-key|phone-(encryption|hash)-keys?)\\s*:"));
            }
        }
    }

    private static Map<String, String> plainEnv(Container container) {
        return container.getEnv().stream().filter(e -> e.getValueFrom() == null)
                .collect(Collectors.toMap(EnvVar::getName, e -> e.getValue() == null ? "" : e.getValue()));
    }

    @Test
    void networkPolicyLetsInOnlyTheNamedPeersOnTheirPorts() {
        NetworkPolicy policy = PRODUCTION.one(NetworkPolicy.class);
        Set<String> ingress = new HashSet<>();
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            rule.getPorts().forEach(port -> rule.getFrom().forEach(peer -> ingress.add(peer(peer) + " -> " + port.getPort().getStrVal())));
        }

        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(ingress).containsExactlyInAnyOrder(
                "ns=caisses -> http",
                "ns=monitoring pods={app.kubernetes.io/name=prometheus} -> http",
                "ns=dpi pods={app=rendez-vous} -> mllp",
                "cidr=10.40.12.0/24 -> mllp");
    }

    @Test
    void networkPolicyLetsOutOnlyToTheConfiguredHostsAndPortsAndDns() {
        NetworkPolicy policy = PRODUCTION.one(NetworkPolicy.class);
        Set<String> egress = new HashSet<>();
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            assertThat(rule.getTo()).as("an egress rule without 'to' would allow every destination").isNotEmpty();
            assertThat(rule.getPorts()).as("an egress rule without ports would allow every port").isNotEmpty();
            rule.getPorts().forEach(port -> rule.getTo().forEach(peer ->
                    egress.add(peer(peer) + " -> " + port.getProtocol() + "/" + port.getPort().getIntVal())));
        }

        JsonNode values = PRODUCTION_VALUES.path("networkPolicy").path("egress");
        int smscPort = PRODUCTION_VALUES.path("smsc").path("port").asInt();
        int backendPort = values.path("terminalBackend").path("port").asInt();
        Set<String> expected = new HashSet<>(Set.of(
                "ns=kube-system pods={k8s-app=kube-dns} -> UDP/53",
                "ns=kube-system pods={k8s-app=kube-dns} -> TCP/53",
                "ns=databases pods={cnpg.io/cluster=pg-passerelle} -> TCP/" + values.path("database").path("port").asInt()));
        values.path("smsc").path("cidrs").forEach(c -> expected.add("cidr=" + c.asText() + " -> TCP/" + smscPort));
        values.path("terminalBackend").path("cidrs").forEach(c -> expected.add("cidr=" + c.asText() + " -> TCP/" + backendPort));
        assertThat(expected).contains("cidr=192.0.2.10/32 -> TCP/2776", "cidr=198.51.100.0/28 -> TCP/443");
        assertThat(egress).isEqualTo(expected);
    }

    private static String peer(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            assertThat(peer.getIpBlock().getExcept()).isNullOrEmpty();
            return "cidr=" + peer.getIpBlock().getCidr();
        }
        assertThat(peer.getNamespaceSelector()).as("a peer without a namespace selector means the policy's own namespace only")
                .isNotNull();
        String text = "ns=" + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
        if (peer.getPodSelector() != null) {
            text += " pods=" + new TreeMap<>(peer.getPodSelector().getMatchLabels());
        }
        return text;
    }

    @Test
    void theApplicationConfigurationCarriesTheValues() throws IOException {
        JsonNode config = Chart.YAML.readTree(PRODUCTION.configMap("config").getData().get("application.yml"));

        assertThat(config.at("/passerelle/sms/smsc/host").asText()).isEqualTo("smpp.operateur.example");
        assertThat(config.at("/passerelle/sms/smsc/port").asInt()).isEqualTo(2776);
        assertThat(config.at("/passerelle/sms/smsc/system-id").asText()).isEqualTo("chu_rappels");
        assertThat(config.at("/passerelle/sms/sender-id").asText()).as("from config").isEqualTo("CHU");
        assertThat(config.at("/passerelle/payments/backend/url").asText()).isEqualTo("https://terminals.psp.example/sync");
        assertThat(config.at("/passerelle/privacy/current-encryption-key").asText()).isEqualTo("k2");
        assertThat(config.at("/passerelle/reminders/zone").asText()).isEqualTo("Europe/Paris");
        assertThat(config.at("/passerelle/hl7/port").asInt()).isEqualTo(2575);
        assertThat(config.at("/passerelle/hl7/allowed-senders/0").asText()).isEqualTo("10.40.12.0/24");
        assertThat(config.at("/server/port").asInt()).isEqualTo(8080);
    }
}
