package org.passerelle.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** The chart in helm/passerelle, linted and rendered by helm itself (helm-java ships it as a native library). */
final class Chart {

    static final Path REPOSITORY = Path.of("").toAbsolutePath();
    static final Path DIRECTORY = REPOSITORY.resolve("helm/passerelle");
    static final Path PRODUCTION_VALUES = DIRECTORY.resolve("ci/production-values.yaml");
    static final String RELEASE = "passerelle";
    static final String NAMESPACE = "passerelle";

    static final ObjectMapper YAML = new YAMLMapper();

    private Chart() {
    }

    static LintResult lint() {
        return new Helm(DIRECTORY).lint().call();
    }

    /**
     * helm-java's lint takes no values file: the chart is copied (links followed) with the values file merged
     * over its values.yaml, which is what {@code helm lint -f values} checks.
     */
    static LintResult lintWith(Path valuesFile, Path workDir) {
        Path copy = copyOfChart(workDir);
        ObjectNode merged = (ObjectNode) read(DIRECTORY.resolve("values.yaml"));
        merge(merged, read(valuesFile));
        write(copy.resolve("values.yaml"), merged);
        return new Helm(copy).lint().call();
    }

    /** helm template with these values files (in order), or an exception with helm's message. */
    static Manifests render(Path... valuesFiles) {
        TemplateCommand template = new Helm(DIRECTORY).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        return new Manifests(template.call());
    }

    /** A values file in dir holding this YAML text. */
    static Path values(Path dir, String name, String yaml) {
        Path file = dir.resolve(name + ".yaml");
        try {
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path yamlFile) {
        try {
            return YAML.readTree(yamlFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document of a multi-document text (empty ones skipped). */
    static List<JsonNode> documents(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static Path copyOfChart(Path workDir) {
        Path copy = workDir.resolve("passerelle");
        try (Stream<Path> files = Files.walk(DIRECTORY, FileVisitOption.FOLLOW_LINKS)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(DIRECTORY.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** Helm's rule: maps merge key by key, anything else (lists included) is replaced. */
    private static void merge(ObjectNode into, JsonNode from) {
        from.fields().forEachRemaining(field -> {
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode target && field.getValue().isObject()) {
                merge(target, field.getValue());
            } else {
                into.set(field.getKey(), field.getValue());
            }
        });
    }

    private static void write(Path file, JsonNode yaml) {
        try {
            YAML.writeValue(file.toFile(), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
