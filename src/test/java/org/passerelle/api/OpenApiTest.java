package org.passerelle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Api.ok;
import static org.passerelle.testsupport.Role.AUDITOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.HandlerInventory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/** The published OpenAPI description lists exactly the /api operations Spring MVC serves. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    JsonNode docs;

    @BeforeEach
    void fetch() {
        ApiResponse reply = ok(Api.onPort(port).as(AUDITOR).get("/v3/api-docs"));
        assertThat(reply.contentType()).startsWith("application/json");
        docs = reply.json();
    }

    @Test
    void documentsEveryApiHandlerAndNoOther() {
        Set<String> served = HandlerInventory.apiOperations(context);
        assertThat(served).as("the /api handlers Spring serves").isNotEmpty().noneMatch(op -> op.startsWith("* "));
        assertThat(documentedApiOperations().keySet())
                .as("operations in /v3/api-docs vs. /api handler methods")
                .containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void everyApiOperationHasASummary() {
        documentedApiOperations().forEach((operation, doc) ->
                assertThat(doc.path("summary").asText()).as("summary of %s", operation).isNotBlank());
    }

    private Map<String, JsonNode> documentedApiOperations() {
        assertThat(docs.path("openapi").asText()).startsWith("3.");
        Map<String, JsonNode> operations = new TreeMap<>();
        docs.path("paths").fields().forEachRemaining(path -> {
            if (path.getKey().equals("/api") || path.getKey().startsWith("/api/")) {
                path.getValue().fields().forEachRemaining(method -> {
                    if (HTTP_METHODS.contains(method.getKey())) {
                        operations.put(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), method.getValue());
                    }
                });
            }
        });
        assertThat(new TreeSet<>(operations.keySet())).as("documented /api operations").isNotEmpty();
        return operations;
    }
}
