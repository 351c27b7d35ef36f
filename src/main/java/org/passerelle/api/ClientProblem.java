package org.passerelle.api;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error the client caused or must act on. Features extend it so {@link ProblemHandling} renders
 * them as problem+json without knowing every feature.
 */
public abstract class ClientProblem extends RuntimeException {

    private final HttpStatus status;
    private final URI type;
    private final String title;

    protected ClientProblem(HttpStatus status, URI type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** Extra members of the problem document (e.g. the id of a conflicting resource); none by default. */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
