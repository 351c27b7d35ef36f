package org.passerelle.testsupport.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The settings the project's own files use: the {@code passerelle.*} keys set in the application YAML files,
 * the {@code passerelle.*} properties their {@code ${...}} placeholders and the routes' {@code {{...}}}
 * placeholders read, and the environment variables the placeholders read. List indexes become {@code [i]}.
 */
public final class SettingsInFiles {

    private static final Pattern SPRING_PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");
    private static final Pattern CAMEL_PLACEHOLDER = Pattern.compile("\\{\\{([^}:]+)");
    private static final String OURS = "passerelle.";

    private final Set<PropertyName> properties = new TreeSet<>();
    private final Set<PropertyName> environmentVariables = new TreeSet<>();

    /**
     * @param applicationYamls the application*.yml files
     * @param routes the Camel route files (YAML DSL)
     */
    public SettingsInFiles(List<Path> applicationYamls, List<Path> routes) {
        for (Path file : applicationYamls) {
            for (Object document : new Yaml().loadAll(read(file))) {
                flatten("", document);
            }
        }
        for (Path file : routes) {
            placeholders(CAMEL_PLACEHOLDER, read(file));
        }
    }

    /** Files ending in {@code suffix} directly in {@code directory}, in name order. */
    public static List<Path> filesIn(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Set<PropertyName> properties() {
        return properties;
    }

    public Set<PropertyName> environmentVariables() {
        return environmentVariables;
    }

    private void flatten(String name, Object node) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(name.isEmpty() ? String.valueOf(key) : name + "." + key, value));
        } else if (node instanceof List<?> list && list.stream().anyMatch(e -> e instanceof Map<?, ?>)) {
            list.forEach(element -> flatten(name + PropertyName.ANY_INDEX, element));
        } else {
            if (name.startsWith(OURS)) {
                properties.add(new PropertyName(name));
            }
            if (node != null) {
                placeholders(SPRING_PLACEHOLDER, String.valueOf(node));
            }
        }
    }

    private void placeholders(Pattern placeholder, String text) {
        Matcher m = placeholder.matcher(text);
        while (m.find()) {
            PropertyName name = new PropertyName(m.group(1).trim());
            if (name.isEnvironmentVariable()) {
                environmentVariables.add(name);
            } else if (name.text().startsWith(OURS)) {
                properties.add(name);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
