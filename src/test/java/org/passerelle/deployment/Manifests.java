package org.passerelle.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;

/** The output of helm template, each document read as its typed Kubernetes object. */
final class Manifests {

    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "Deployment", Deployment.class,
            "Service", Service.class,
            "ConfigMap", ConfigMap.class,
            "ServiceAccount", ServiceAccount.class,
            "NetworkPolicy", NetworkPolicy.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    final String text;
    final List<HasMetadata> objects;

    Manifests(String text) {
        this.text = text;
        this.objects = Chart.documents(text).stream().map(Manifests::typed).toList();
    }

    private static HasMetadata typed(JsonNode document) {
        Class<? extends HasMetadata> type = TYPES.getOrDefault(document.path("kind").asText(), GenericKubernetesResource.class);
        return Chart.YAML.convertValue(document, type);
    }

    List<String> kinds() {
        return objects.stream().map(HasMetadata::getKind).sorted().toList();
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        assertThat(found).as("rendered %s objects", type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    GenericKubernetesResource one(String kind) {
        List<GenericKubernetesResource> found = all(GenericKubernetesResource.class).stream()
                .filter(r -> kind.equals(r.getKind())).toList();
        assertThat(found).as("rendered %s objects", kind).hasSize(1);
        return found.get(0);
    }

    ConfigMap configMap(String suffix) {
        return all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(Chart.RELEASE + "-" + suffix))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + Chart.RELEASE + "-" + suffix));
    }

    Container container() {
        List<Container> containers = one(Deployment.class).getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }
}
