package org.passerelle.api;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * An error the client caused or must act on. Features extend it so {@link ProblemHandling} renders
 * them as problem+json without knowing every feature.
 */
public abstract class ClientProblem extends RuntimeException {

    private final HttpStatus status;
    private final URI type;
    private final String title;
    private String screenKey;
    private Object[] screenArgs = new Object[0];

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

    /**
     * The same refusal in the screens' words, for a person at the ops console: a key under {@code refusal.} of the
     * screens' message bundle and its arguments. The API's {@code detail} stays as given (English, for machine clients
     * and their logs).
     */
    protected final void screenText(String key, Object... args) {
        this.screenKey = key;
        this.screenArgs = args.clone();
    }

    public Optional<String> screenKey() {
        return Optional.ofNullable(screenKey);
    }

    public Object[] screenArgs() {
        return screenArgs.clone();
    }

    /** An argument of a screen text that is itself a text of the bundle (a state's name, say). */
    public record Word(String key) {
    }

    /** Extra members of the problem document (e.g. the id of a conflicting resource); none by default. */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
