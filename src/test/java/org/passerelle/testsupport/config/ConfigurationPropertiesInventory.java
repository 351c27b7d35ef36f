package org.passerelle.testsupport.config;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every property the {@code @ConfigurationProperties} classes under a package can bind, found by classpath
 * scanning (whatever their profile) and reflection: record components, the parameters of a single
 * binding constructor, or JavaBean fields, walked into nested types of the same package. Names are in
 * kebab case; a map contributes {@code <key>}, a list of nested objects {@code [i]}.
 */
public final class ConfigurationPropertiesInventory {

    private final String basePackage;

    public ConfigurationPropertiesInventory(String basePackage) {
        this.basePackage = basePackage;
    }

    /** Each property with the class that declares it at the top, in name order. */
    public Map<PropertyName, Class<?>> properties() {
        Map<PropertyName, Class<?>> found = new LinkedHashMap<>();
        for (Class<?> type : propertiesClasses()) {
            Set<String> names = new TreeSet<>();
            walkGroup(prefixOf(type), type, names);
            names.forEach(n -> found.put(new PropertyName(n), type));
        }
        return found;
    }

    public Set<Class<?>> propertiesClasses() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(MetadataReader reader) throws IOException {
                // no @Profile or other condition is evaluated: local-only settings exist too
                return new AnnotationTypeFilter(ConfigurationProperties.class).match(reader, getMetadataReaderFactory());
            }
        };
        Set<Class<?>> classes = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader());
            if (!isTestClass(type)) { // settings records that tests declare for themselves are not the product's
                classes.add(type);
            }
        }
        return classes;
    }

    private static boolean isTestClass(Class<?> type) {
        java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
        return source != null && source.getLocation() != null && source.getLocation().toString().contains("test-classes");
    }

    private static String prefixOf(Class<?> type) {
        ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
        return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
    }

    private void walk(String name, Type type, Set<String> out) {
        Class<?> raw = rawClass(type);
        if (Map.class.isAssignableFrom(raw)) {
            walk(name + "." + PropertyName.ANY_KEY, typeArgument(type, 1), out);
        } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            Type element = raw.isArray() ? elementOfArray(type) : typeArgument(type, 0);
            if (isGroup(rawClass(element))) {
                walkGroup(name + PropertyName.ANY_INDEX, rawClass(element), out);
            } else {
                out.add(name); // a list of values is one property: roles: [OPS, AUDITOR]
            }
        } else if (raw == Optional.class) {
            walk(name, typeArgument(type, 0), out);
        } else if (isGroup(raw)) {
            walkGroup(name, raw, out);
        } else {
            out.add(name);
        }
    }

    private void walkGroup(String prefix, Class<?> group, Set<String> out) {
        bindableProperties(group).forEach((property, type) ->
                walk(prefix + "." + DataObjectPropertyName.toDashedForm(property), type, out));
    }

    /** A nested object Spring Boot binds property by property, rather than a value converted from text. */
    private boolean isGroup(Class<?> type) {
        return type.getName().startsWith(basePackage + ".") && !type.isEnum() && !type.isInterface();
    }

    private static Map<String, Type> bindableProperties(Class<?> type) {
        Map<String, Type> properties = new LinkedHashMap<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                properties.put(c.getName(), c.getGenericType());
            }
            return properties;
        }
        Constructor<?>[] constructors = type.getDeclaredConstructors();
        if (constructors.length == 1 && constructors[0].getParameterCount() > 0) {
            for (var parameter : constructors[0].getParameters()) {
                if (!parameter.isNamePresent()) {
                    throw new IllegalStateException(type + ": compile with -parameters to read its binding constructor");
                }
                properties.put(parameter.getName(), parameter.getParameterizedType());
            }
            return properties;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                    properties.putIfAbsent(field.getName(), field.getGenericType());
                }
            }
        }
        return properties;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType a) {
            return java.lang.reflect.Array.newInstance(rawClass(a.getGenericComponentType()), 0).getClass();
        }
        return Object.class; // wildcard or type variable: a value
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    private static Type elementOfArray(Type type) {
        return type instanceof GenericArrayType a ? a.getGenericComponentType() : ((Class<?>) type).getComponentType();
    }
}
