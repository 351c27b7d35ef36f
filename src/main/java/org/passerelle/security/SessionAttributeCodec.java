package org.passerelle.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.SerializingConverter;

/**
 * How screen session attributes are written to and read from the session table. Reading deserializes Java objects
 * from the database, which someone with write access to it could turn into code execution (a gadget chain): only
 * the classes a screen session holds are accepted (Spring Security's context, CSRF token and saved request, and
 * the JDK's strings, collections and times the cashier screen keeps), and anything else is refused and dropped
 * (that screen asks to log in again) instead of running what was planted.
 */
final class SessionAttributeCodec {

    private static final Logger log = LoggerFactory.getLogger(SessionAttributeCodec.class);

    static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;maxrefs=2000;maxbytes=262144;maxarray=10000;"
                    + "java.lang.*;java.util.*;java.time.*;java.net.URI;"
                    + "org.springframework.security.**;!*");

    private SessionAttributeCodec() {
    }

    static GenericConversionService conversions(ClassLoader classLoader) {
        GenericConversionService conversions = new GenericConversionService();
        conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
        conversions.addConverter(byte[].class, Object.class, new Reader(classLoader));
        return conversions;
    }

    /** A value that cannot be read back is dropped (the screen then asks to log in again), never run and never a 500. */
    private record Reader(ClassLoader classLoader) implements Converter<byte[], Object> {
        @Override
        public Object convert(byte[] bytes) {
            try (ObjectInputStream in = new ConfigurableObjectInputStream(new ByteArrayInputStream(bytes), classLoader)) {
                in.setObjectInputFilter(ALLOWED);
                return in.readObject();
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                log.warn("A screen session attribute was refused and dropped ({})", e.getClass().getSimpleName());
                return null;
            }
        }
    }
}
