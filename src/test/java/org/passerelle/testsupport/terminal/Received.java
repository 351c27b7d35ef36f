package org.passerelle.testsupport.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;

/** One request as the fake backend received it; header names in lower case. */
public record Received(String category, String serviceId, String saleId, String poiId, JsonNode body, String apiKey,
                       Instant at, Set<String> headerNames) {

    public JsonNode request() {
        return body.path("SaleToPOIRequest");
    }
}
