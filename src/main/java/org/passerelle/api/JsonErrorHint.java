package org.passerelle.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** Names the field a JSON body is wrong at, without echoing the client's value back. */
final class JsonErrorHint {

    private JsonErrorHint() {
    }

    static String of(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String path = jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String what = jme instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()
                    ? " (expected one of " + java.util.Arrays.toString(ife.getTargetType().getEnumConstants()) + ")"
                    : "";
            return "; check field '" + path + "'" + what;
        }
        return "";
    }
}
