package org.passerelle.testsupport.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One request as the fake backend received it. */
public record Received(String category, String serviceId, String saleId, String poiId, JsonNode body, String apiKey,
                       Instant at) {

    public JsonNode request() {
        return body.path("SaleToPOIRequest");
    }
}
