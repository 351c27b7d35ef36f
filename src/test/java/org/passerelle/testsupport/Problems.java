package org.passerelle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;

/** Assertions that every client-caused error is an RFC 9457 problem and leaks nothing of the server. */
public final class Problems {

    private Problems() {
    }

    /**
     * Asserts status, {@code application/problem+json}, a {@code type} ending in {@code typeSuffix}, a body
     * whose {@code status} matches, and no stack trace or exception class name.
     *
     * @return the problem body
     */
    public static JsonNode assertProblem(ApiResponse reply, int status, String typeSuffix) {
        assertThat(reply.status()).as(reply.describe()).isLessThan(500).isEqualTo(status);
        assertThat(reply.contentType()).as("content type of " + reply.describe()).isNotEmpty();
        assertThat(MediaType.parseMediaType(reply.contentType()).equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type of " + reply.describe()).isTrue();
        assertNoLeak(reply);
        JsonNode problem = reply.json();
        assertThat(problem.path("status").asInt()).as(reply.describe()).isEqualTo(status);
        assertThat(problem.path("type").asText()).as(reply.describe()).endsWith("/" + typeSuffix);
        assertThat(problem.path("title").asText()).as(reply.describe()).isNotBlank();
        assertThat(problem.path("detail").asText()).as(reply.describe()).isNotBlank();
        return problem;
    }

    /** No exception class name and no stack frame in the body. */
    public static void assertNoLeak(ApiResponse reply) {
        assertThat(reply.body()).as(reply.describe())
                .doesNotContain("Exception")
                .doesNotContain("at org.")
                .doesNotContain("at java.")
                .doesNotContain("\"trace\"");
    }
}
