package org.passerelle.api;

import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error into RFC 9457 problem+json with a stable type, a human detail and, for validation,
 * the list of fields at fault. No stack trace or exception text from a library ever reaches a client.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(ClientProblem.class)
    ProblemDetail clientProblem(ClientProblem e) {
        return problem(e, e.getMessage());
    }

    /** A client problem's document with the given detail (the screens put their own words there). */
    public static ProblemDetail problem(ClientProblem e, String detail) {
        ProblemDetail p = problem(e.status(), e.type(), e.title(), detail);
        e.properties().forEach(p::setProperty);
        return p;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                "One or more parameters are invalid");
        p.setProperty("errors", e.getConstraintViolations().stream()
                .map(v -> Map.of("field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList());
        return p;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                "Parameter '" + e.getName() + "' has an invalid value");
        p.setProperty("errors", List.of(Map.of("field", e.getName(), "message", "invalid value")));
        return p;
    }

    /**
     * The security firewall checks header values lazily, when a controller first reads one: a control character or
     * an undecodable byte (e.g. a non-ASCII {@code Idempotency-Key}) is the client's error, not an unexpected one.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected(RequestRejectedException e) {
        log.debug("Request refused by the firewall while a handler read it");
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED, "Malformed request", rejectedDetail(e));
    }

    private static final java.util.regex.Pattern REJECTED_HEADER =
            java.util.regex.Pattern.compile("the header: \"([A-Za-z0-9_-]{1,64}) ?\"");

    /** Names the header at fault when the firewall says which (a name of token characters only), never its value. */
    public static String rejectedDetail(RuntimeException e) {
        java.util.regex.Matcher m = REJECTED_HEADER.matcher(String.valueOf(e.getMessage()));
        return m.find()
                ? "Header '" + m.group(1) + "' holds characters that are not allowed (control characters or bytes that"
                        + " are not printable ASCII)"
                : ErrorPages.detail(HttpStatus.BAD_REQUEST);
    }

    @ExceptionHandler(DataAccessException.class)
    ProblemDetail database(DataAccessException e) {
        log.error("Database unavailable or failing: {}", e.getClass().getSimpleName());
        ProblemDetail p = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, "Temporarily unavailable",
                "The database cannot be reached; nothing was changed. Try again shortly.");
        return p;
    }

    /** No connection for a transaction: the database is away (not a DataAccessException in Spring). */
    @ExceptionHandler(CannotCreateTransactionException.class)
    ProblemDetail noTransaction(CannotCreateTransactionException e) {
        log.error("Database unavailable: {}", e.getClass().getSimpleName());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, "Temporarily unavailable",
                "The database cannot be reached; nothing was changed. Try again shortly.");
    }

    /**
     * The connection went away during commit or rollback: whether the change was saved is not known, so the
     * answer says so. Every write of the API is safe to repeat (PUT by id, POST with an Idempotency-Key).
     */
    @ExceptionHandler(TransactionSystemException.class)
    ProblemDetail transactionLost(TransactionSystemException e) {
        log.error("Database connection lost during a transaction: {}", e.getClass().getSimpleName());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, "Temporarily unavailable",
                "The database connection was lost; the change may or may not have been saved. Send the same request again shortly.");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
                "An unexpected error occurred; it has been logged.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                "The request body has invalid fields");
        List<Map<String, String>> errors = ex.getBindingResult().getAllErrors().stream()
                .map(err -> Map.of(
                        "field", err instanceof FieldError fe ? fe.getField() : err.getObjectName(),
                        "message", String.valueOf(err.getDefaultMessage())))
                .toList();
        p.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(p);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                "One or more parameters are invalid");
        p.setProperty("errors", ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> Map.of(
                        "field", String.valueOf(r.getMethodParameter().getParameterName()),
                        "message", String.valueOf(err.getDefaultMessage()))))
                .toList());
        return ResponseEntity.badRequest().body(p);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (tooLarge(ex)) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                    .body(problem(HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Request body too large",
                            "The request body is larger than the size accepted; nothing was stored."));
        }
        Optional<JsonErrorHint> hint = JsonErrorHint.of(ex);
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED, "Malformed request body",
                "The body is missing or is not valid JSON of the expected shape" + hint.map(JsonErrorHint::sentence).orElse(""));
        hint.ifPresent(h -> p.setProperty("errors", List.of(Map.of("field", h.field(),
                "message", h.expected() == null ? "invalid value" : "must be " + h.expected()))));
        return ResponseEntity.badRequest().body(p);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                "Invalid request", "Parameter '" + ex.getParameterName() + "' is required"));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND,
                "Not found", "No such resource"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers).body(problem(
                HttpStatus.METHOD_NOT_ALLOWED, ProblemTypes.METHOD_NOT_ALLOWED, "Method not allowed",
                "Method " + ex.getMethod() + " is not allowed here"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers).body(problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                "Send the body as application/json"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).body(problem(HttpStatus.NOT_ACCEPTABLE,
                ProblemTypes.NOT_ACCEPTABLE, "Not acceptable", "This resource answers in application/json"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail pd && pd.getType().equals(URI.create("about:blank"))) {
            pd.setType(statusCode.is4xxClientError() ? ProblemTypes.VALIDATION : ProblemTypes.INTERNAL);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimit.TooLarge) {
                return true;
            }
        }
        return false;
    }

    public static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(type);
        p.setTitle(title);
        return p;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
