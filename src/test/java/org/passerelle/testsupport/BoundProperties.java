package org.passerelle.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Builds an immutable {@code @ConfigurationProperties} record the way Spring Boot does, from its
 * {@code @DefaultValue}s and the given settings (relative to the class's prefix), so unit tests use the real
 * defaults instead of repeating them. No validation: {@code ConfigurationValidationTest} covers that.
 */
public final class BoundProperties {

    private BoundProperties() {
    }

    public static <T> T defaults(Class<T> type) {
        return bind(type, Map.of());
    }

    public static <T> T bind(Class<T> type, Map<String, String> settings) {
        String prefix = prefixOf(type);
        Map<String, String> source = new LinkedHashMap<>();
        settings.forEach((key, value) -> source.put(prefix + "." + key, value));
        return new Binder(new MapConfigurationPropertySource(source)).bindOrCreate(prefix, type);
    }

    private static String prefixOf(Class<?> type) {
        ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type + " is not a @ConfigurationProperties class");
        }
        return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
    }
}
