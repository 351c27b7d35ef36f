package org.passerelle.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code /error} page, which answers in its own JSON shape. Errors that never reach a
 * controller (a URL refused by the security firewall, an exception in a filter, {@code sendError} from the
 * container) are forwarded here and answered as problem+json like every other error; a client calling
 * {@code /error} itself gets a 404, not a 500.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        if (status == null || !status.isError()) {
            status = HttpStatus.NOT_FOUND; // not a forwarded error: someone asked for /error itself
        }
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null) {
            status = ErrorPages.forClient(status);
        }
        ProblemDetail problem = ProblemHandling.problem(status, ErrorPages.type(status), status.getReasonPhrase(), ErrorPages.detail(status));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.METHOD_NOT_ALLOWED) {
            answer.header("Allow", ErrorPages.ALLOWED_METHODS);
        }
        return answer.body(problem);
    }
}
