package org.passerelle.payment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * Minor units are JSON integers and nothing else: Jackson would otherwise turn 12.34 into 12 or "12"
 * into 12 silently, and a cashier would be charged a different amount than typed.
 */
class MinorUnitsDeserializer extends StdDeserializer<Long> {

    MinorUnitsDeserializer() {
        super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw InvalidFormatException.from(p, "an amount in minor units must be a JSON integer", p.getText(), Long.class);
        }
        return p.getLongValue();
    }
}
