package org.passerelle.routing;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.spi.PropertiesFunction;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ApplicationContext;

/**
 * Camel properties function {@code {{setting:passerelle.payments.recovery.poll-interval}}}: the value a route
 * uses, read from the validated {@code @ConfigurationProperties} record that owns it (defaults included),
 * never from a raw placeholder with an inline default. A {@link Duration} is given in milliseconds, as Camel's
 * endpoint options expect; anything else as its text. An unknown name stops the route from starting.
 */
public class TypedSettings implements PropertiesFunction {

    private final ApplicationContext context;

    public TypedSettings(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public String getName() {
        return "setting";
    }

    @Override
    public String apply(String name) {
        // the most specific owner wins: passerelle.sms.* belongs to passerelle.sms, not to passerelle
        Object owner = null;
        String ownerPrefix = "";
        for (Object settings : context.getBeansWithAnnotation(ConfigurationProperties.class).values()) {
            ConfigurationProperties annotation = settings.getClass().getAnnotation(ConfigurationProperties.class);
            String prefix = annotation == null ? "" : annotation.value().isEmpty() ? annotation.prefix() : annotation.value();
            if (!prefix.isEmpty() && name.startsWith(prefix + ".") && prefix.length() > ownerPrefix.length()) {
                owner = settings;
                ownerPrefix = prefix;
            }
        }
        if (owner != null) {
            return text(walk(owner, name.substring(ownerPrefix.length() + 1), name));
        }
        throw new IllegalArgumentException("No setting " + name + " (routes may only use typed passerelle.* settings)");
    }

    private static Object walk(Object value, String path, String name) {
        Object current = value;
        for (String part : path.split("\\.")) {
            current = component(current, part, name);
        }
        return current;
    }

    private static Object component(Object value, String kebab, String name) {
        if (value instanceof Map<?, ?> map) {
            return map.get(kebab);
        }
        if (value == null || !value.getClass().isRecord()) {
            throw new IllegalArgumentException("No setting " + name);
        }
        String camel = camelCase(kebab);
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            if (c.getName().equals(camel)) {
                try {
                    java.lang.reflect.Method accessor = c.getAccessor();
                    accessor.setAccessible(true); // settings records may be package-private
                    return accessor.invoke(value);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot read setting " + name, e);
                }
            }
        }
        throw new IllegalArgumentException("No setting " + name);
    }

    private static String camelCase(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char ch : kebab.toCharArray()) {
            if (ch == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String text(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Setting has no value");
        }
        return value instanceof Duration d ? Long.toString(d.toMillis()) : value.toString();
    }
}
