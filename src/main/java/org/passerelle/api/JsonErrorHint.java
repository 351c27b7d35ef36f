package org.passerelle.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** Names the field a JSON body is wrong at and what it must be, without echoing the client's value back. */
record JsonErrorHint(String field, String expected) {

    static Optional<JsonErrorHint> of(HttpMessageNotReadableException ex) {
        if (!(ex.getCause() instanceof JsonMappingException jme) || jme.getPath().isEmpty()) {
            return Optional.empty();
        }
        String path = jme.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        Class<?> target = jme instanceof MismatchedInputException mie ? mie.getTargetType() : null;
        return Optional.of(new JsonErrorHint(path, expected(target)));
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return null;
        }
        if (target.isEnum()) {
            return "one of " + Arrays.toString(target.getEnumConstants());
        }
        if (target == String.class) {
            return "a JSON string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == OffsetDateTime.class) {
            return StrictJson.DATE_TIME;
        }
        return null;
    }

    /** The sentence appended to the problem's detail. */
    String sentence() {
        return "; check field '" + field + "'" + (expected == null ? "" : " (expected " + expected + ")");
    }
}
