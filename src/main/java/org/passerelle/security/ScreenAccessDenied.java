package org.passerelle.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A refused role or a missing CSRF token on a screen: a 403 page in the user's language (not a stack trace, not
 * JSON), except for the pages' own JSON calls, which get a 403 with no page to parse.
 */
final class ScreenAccessDenied implements AccessDeniedHandler {

    private final AccessDeniedHandlerImpl page = new AccessDeniedHandlerImpl();

    ScreenAccessDenied(String errorPage) {
        page.setErrorPage(errorPage);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        request.setAttribute("passerelle.denied.csrf", denied instanceof CsrfException);
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("application/json") && !accept.contains("text/html")) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        page.handle(request, response, denied);
    }
}
