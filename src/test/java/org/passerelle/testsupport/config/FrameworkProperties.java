package org.passerelle.testsupport.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The properties Spring Boot, Camel and the other libraries declare in their configuration metadata
 * ({@code META-INF/spring-configuration-metadata.json} on the classpath), to check the README names only
 * framework settings that exist.
 */
public final class FrameworkProperties {

    private FrameworkProperties() {
    }

    public static Set<String> names() {
        Set<String> names = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (String file : new String[] {"spring-configuration-metadata.json", "additional-spring-configuration-metadata.json"}) {
                for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:META-INF/" + file)) {
                    try (InputStream in = r.getInputStream()) {
                        for (JsonNode property : json.readTree(in).path("properties")) {
                            names.add(property.path("name").asText());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
