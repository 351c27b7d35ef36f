package org.passerelle.api;

import java.net.URI;

/** Stable problem type URIs; clients switch on these, not on titles. */
public final class ProblemTypes {
    public static final String BASE = "https://passerelle.example/problems/";
    public static final URI VALIDATION = URI.create(BASE + "validation");
    public static final URI MALFORMED = URI.create(BASE + "malformed-request");
    public static final URI UNKNOWN_CHANNEL = URI.create(BASE + "unknown-channel");
    public static final URI ILLEGAL_TRANSITION = URI.create(BASE + "illegal-transition");
    public static final URI NOT_FOUND = URI.create(BASE + "not-found");
    public static final URI UNAUTHENTICATED = URI.create(BASE + "unauthenticated");
    public static final URI FORBIDDEN = URI.create(BASE + "forbidden");
    public static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");
    public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");
    public static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");
    public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");
    public static final URI LOGIN_THROTTLED = URI.create(BASE + "login-throttled");
    public static final URI UNAVAILABLE = URI.create(BASE + "temporarily-unavailable");
    public static final URI INTERNAL = URI.create(BASE + "internal-error");

    private ProblemTypes() {
    }
}
