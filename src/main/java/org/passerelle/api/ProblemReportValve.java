package org.passerelle.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error page for what never reaches Spring (a malformed request line, a header too large or holding a
 * control character, an encoded '/' in the path, ...): problem+json with the security headers, instead of Tomcat's
 * HTML page. Errors Spring answers itself have a body already and are left alone.
 */
final class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus resolved = HttpStatus.resolve(code);
        HttpStatus status = resolved == null ? code < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR
                : throwable == null ? ErrorPages.forClient(resolved) : resolved;
        response.setStatus(status.value());
        if (status == HttpStatus.METHOD_NOT_ALLOWED) {
            response.setHeader("Allow", ErrorPages.ALLOWED_METHODS);
        }
        byte[] body = ProblemResponses.body(status, ErrorPages.type(status), status.getReasonPhrase(),
                ErrorPages.detail(status), Map.of());
        try {
            ErrorPages.SECURITY_HEADERS.forEach(response::setHeader);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(body, StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }
}
