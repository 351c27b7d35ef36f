package org.passerelle.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The pages every user meets: the login form, the landing redirect by role, and the refusal page. */
@Hidden
@Controller
class ScreenPages {

    @GetMapping("/login")
    String login() {
        return "web/login";
    }

    /** After login: ops and auditors to the console, cashiers to their screen, other roles to a plain refusal. */
    @GetMapping("/home")
    String home(Authentication user) {
        if (has(user, "ROLE_OPS") || has(user, "ROLE_AUDITOR")) {
            return "redirect:/ops";
        }
        if (has(user, "ROLE_CASHIER")) {
            return "redirect:/cashier";
        }
        return "redirect:/denied";
    }

    /** Forwarded here (status 403 already set) when a role may not open a screen or a form lacked its CSRF token. */
    @RequestMapping("/denied")
    String denied(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("csrf", Boolean.TRUE.equals(request.getAttribute("passerelle.denied.csrf")));
        return "web/denied";
    }

    private static boolean has(Authentication user, String authority) {
        return user != null && user.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
