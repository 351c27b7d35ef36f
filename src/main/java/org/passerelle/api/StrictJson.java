package org.passerelle.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.OffsetDateTime;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON bodies are read as written, never coerced: a text field must be a JSON string ({@code "reason": 123} and a
 * phone as a number are refused), a boolean a JSON boolean, and a date-time an ISO-8601 string with an offset in
 * years 0001-9999 (Jackson would read a number, or a string of digits, as epoch seconds, and accept years no
 * database or calendar arithmetic downstream can hold). Each refusal is a 400 naming the field
 * ({@link JsonErrorHint}). Integers keep their own rules (payments' {@code MinorUnitsDeserializer}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    static final String DATE_TIME = "an ISO-8601 date-time string with an offset, e.g. 2026-12-10T14:30:00+01:00, "
            + "in years 0001-9999";

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonScalars() {
        return builder -> builder.postConfigurer(mapper -> {
            for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.Boolean}) {
                mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
            }
            mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
            mapper.registerModule(new SimpleModule("passerelle-strict-dates")
                    .addDeserializer(OffsetDateTime.class, new IsoOffsetDateTime()));
        });
    }

    /** Only a string in ISO-8601 shape (with a 'T'), parsed by Jackson's own reader, within years 0001-9999. */
    static final class IsoOffsetDateTime extends StdDeserializer<OffsetDateTime> {

        IsoOffsetDateTime() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING) || p.getText().indexOf('T') < 0) {
                throw MismatchedInputException.from(p, OffsetDateTime.class, "must be " + DATE_TIME);
            }
            OffsetDateTime value = InstantDeserializer.OFFSET_DATE_TIME.deserialize(p, ctxt);
            if (value != null && (value.getYear() < 1 || value.getYear() > 9999)) {
                throw MismatchedInputException.from(p, OffsetDateTime.class, "must be " + DATE_TIME);
            }
            return value;
        }
    }
}
