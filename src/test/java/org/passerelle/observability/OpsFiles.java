package org.passerelle.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The monitoring files shipped in ops/: the alert rules and the Grafana dashboard, and the queries they hold. */
final class OpsFiles {

    static final Path ALERTS = Path.of("ops/prometheus/alerts.yaml");
    static final Path DASHBOARD = Path.of("ops/grafana/passerelle-dashboard.json");

    /** One PromQL query and where it comes from (for messages). */
    record Query(String origin, String expr) {
    }

    private OpsFiles() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertRules() {
        Map<String, Object> file = new Yaml().load(read(ALERTS));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(read(DASHBOARD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every PromQL expression of the alert rules and of the dashboard's panels (rows included). */
    static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (Map<String, Object> rule : alertRules()) {
            queries.add(new Query("alert " + rule.get("alert"), String.valueOf(rule.get("expr"))));
        }
        panelQueries(dashboard().path("panels"), queries);
        return queries;
    }

    private static void panelQueries(JsonNode panels, List<Query> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                into.add(new Query("panel \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(),
                        target.path("expr").asText()));
            }
            panelQueries(panel.path("panels"), into);
        }
    }

    /** The dashboard's query variables: name → query text. */
    static Map<String, String> templateQueries() {
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        for (JsonNode variable : dashboard().path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                queries.put(variable.path("name").asText(), query.isObject() ? query.path("query").asText() : query.asText());
            }
        }
        return queries;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
