package org.passerelle.testsupport.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.passerelle.testsupport.config.ReadmeConfigurationTable.Entry;

/**
 * Compares the names a configuration table gives with the settings that exist: the {@code passerelle.*}
 * properties of the {@code @ConfigurationProperties} classes and of the project's files, the environment
 * variables the files read, and (for other names) the frameworks' declared properties.
 */
public final class ConfigurationDocumentationCheck {

    private final Map<PropertyName, String> existing = new LinkedHashMap<>();
    private final Set<PropertyName> environmentVariables;
    private final Set<String> frameworkProperties;

    /**
     * @param bound properties of the {@code @ConfigurationProperties} classes, with where each is declared
     * @param files the settings the configuration files and routes use
     * @param frameworkProperties names declared by Spring Boot, Camel, ...
     */
    public ConfigurationDocumentationCheck(Map<PropertyName, Class<?>> bound, SettingsInFiles files,
                                           Set<String> frameworkProperties) {
        bound.forEach((name, type) -> existing.put(name, type.getSimpleName()));
        for (PropertyName used : files.properties()) {
            if (existing.keySet().stream().noneMatch(used::matches)) {
                existing.put(used, "configuration files or routes, bound by no @ConfigurationProperties class");
            }
        }
        this.environmentVariables = files.environmentVariables();
        this.frameworkProperties = frameworkProperties;
    }

    /** Properties and environment variables that exist and that no entry names, each with where it comes from. */
    public List<String> notNamed(List<Entry> entries) {
        List<String> missing = new ArrayList<>();
        existing.forEach((property, source) -> {
            if (entries.stream().noneMatch(e -> names(e.name(), property))) {
                missing.add(property + "  (" + source + ")");
            }
        });
        for (PropertyName variable : environmentVariables) {
            if (entries.stream().noneMatch(e -> e.name().equals(variable))) {
                missing.add(variable + "  (environment variable read by the configuration files)");
            }
        }
        return missing;
    }

    /** Entries that name nothing that exists, each with its row. */
    public List<String> namingNothing(List<Entry> entries) {
        List<String> unknown = new ArrayList<>();
        for (Entry entry : entries) {
            String problem = problemOf(entry.name());
            if (problem != null) {
                unknown.add(entry.name() + "  (" + problem + ")  in row: " + entry.row());
            }
        }
        return unknown;
    }

    private String problemOf(PropertyName name) {
        if (name.isEnvironmentVariable()) {
            return environmentVariables.contains(name) ? null : "no configuration file reads this environment variable";
        }
        if (!name.text().startsWith("passerelle.")) {
            return frameworkProperties.contains(name.text()) ? null : "no framework declares this property";
        }
        if (name.isPrefixWildcard()) {
            PropertyName prefix = name.prefix();
            if (existing.keySet().stream().anyMatch(prefix::matches)) {
                return "'.*' is for a nested group, and this is one property";
            }
            return existing.keySet().stream().anyMatch(prefix::isStrictlyAbove) ? null : "no property under this prefix";
        }
        return existing.keySet().stream().anyMatch(name::matches) ? null : "no such property";
    }

    private static boolean names(PropertyName entry, PropertyName property) {
        return entry.isPrefixWildcard() ? entry.prefix().isStrictlyAbove(property) : entry.matches(property);
    }
}
