package org.passerelle.api;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Type, detail and headers of an error answered without a controller (Spring's /error, Tomcat's error page). */
final class ErrorPages {

    /** Spring Security's default headers, for answers written before (or without) its header filter. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "X-XSS-Protection", "0",
            "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate",
            "Pragma", "no-cache",
            "Expires", "0");

    /** Every method some endpoint serves. */
    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";

    private ErrorPages() {
    }

    /**
     * The status a client gets for what Tomcat or the servlet layer would answer with a 5xx although the client chose
     * it: an unknown method (501) is a 405, an HTTP version other than 1.x (505) a 400.
     */
    static HttpStatus forClient(HttpStatus status) {
        return switch (status) {
            case NOT_IMPLEMENTED -> HttpStatus.METHOD_NOT_ALLOWED;
            case HTTP_VERSION_NOT_SUPPORTED -> HttpStatus.BAD_REQUEST;
            default -> status;
        };
    }

    static URI type(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> ProblemTypes.MALFORMED;
            case UNAUTHORIZED -> ProblemTypes.UNAUTHENTICATED;
            case FORBIDDEN -> ProblemTypes.FORBIDDEN;
            case NOT_FOUND -> ProblemTypes.NOT_FOUND;
            case METHOD_NOT_ALLOWED, NOT_IMPLEMENTED -> ProblemTypes.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> ProblemTypes.NOT_ACCEPTABLE;
            case PAYLOAD_TOO_LARGE -> ProblemTypes.PAYLOAD_TOO_LARGE;
            case REQUEST_HEADER_FIELDS_TOO_LARGE, URI_TOO_LONG -> ProblemTypes.MALFORMED;
            case UNSUPPORTED_MEDIA_TYPE -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
            case SERVICE_UNAVAILABLE -> ProblemTypes.UNAVAILABLE;
            default -> status.is4xxClientError() ? ProblemTypes.VALIDATION : ProblemTypes.INTERNAL;
        };
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request was refused as malformed: check the request line, the URL (no '//', '..',"
                    + " ';' or encoded '/' or '\\') and the headers (no control characters, 16 KiB at most in all)";
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED, NOT_IMPLEMENTED -> "This method is not served here";
            case PAYLOAD_TOO_LARGE -> "The request body is too large; nothing was read or stored";
            case REQUEST_HEADER_FIELDS_TOO_LARGE, URI_TOO_LONG -> "The request line or headers are too large";
            default -> status.is4xxClientError() ? "The request was refused" : "An unexpected error occurred; it has been logged.";
        };
    }
}
