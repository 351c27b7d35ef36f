package org.passerelle.payment;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.passerelle.api.ClientProblem;
import org.passerelle.privacy.NoCardNumber;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The cashier screen ({@code /cashier}, role CASHIER, a session and CSRF like every screen) and the JSON calls its
 * page makes. A payment goes through {@link PaymentIntake} like one from the API, under an Idempotency-Key that the
 * session holds, not the page: a double click, a second tab or a reload sends the same key and gets the same
 * payment back; the key changes only when the cashier asks for a new payment after an outcome. A reload while a
 * payment runs shows that payment again. The page polls the payment every second while it is pending (each step shows,
 * {@code IN_PROGRESS} and {@code UNKNOWN} included; a few dozen desks make a few dozen light reads a second).
 */
@Controller
class CashierScreen {

    static final String CURRENT = "passerelle.cashier.current";
    static final String ATTEMPT_KEY = "passerelle.cashier.attempt-key";

    record Start(String terminalId, String amount, String reference) {
        /** Never print the reference: it identifies a patient's account. */
        @Override
        public String toString() {
            return "Start[terminal " + terminalId + "]";
        }
    }

    private final PaymentIntake intake;
    private final PaymentQueries queries;
    private final PaymentCancellation cancellation;
    private final RefundService refunds;
    private final CashierAvailability availability;
    private final CashierProperties cashier;
    private final PaymentProperties payments;
    private final Validator validator;
    private final MessageSource texts;

    CashierScreen(PaymentIntake intake, PaymentQueries queries, PaymentCancellation cancellation, RefundService refunds,
                  CashierAvailability availability, CashierProperties cashier, PaymentProperties payments,
                  Validator validator, MessageSource texts) {
        this.intake = intake;
        this.queries = queries;
        this.cancellation = cancellation;
        this.refunds = refunds;
        this.availability = availability;
        this.cashier = cashier;
        this.payments = payments;
        this.validator = validator;
        this.texts = texts;
    }

    @GetMapping("/cashier")
    String page(Model model, HttpSession session, Locale locale) {
        attemptKey(session);
        // plain maps: the template engine reads no package-private type
        model.addAttribute("terminals", cashier.terminals().stream().map(t -> Map.of("id", t.id(), "shown", t.shown())).toList());
        model.addAttribute("current", session.getAttribute(CURRENT));
        model.addAttribute("maxAmount", CashierAmount.format(payments.maxAmountMinor(), locale));
        return "cashier/cashier";
    }

    @GetMapping("/cashier/availability")
    @ResponseBody
    Map<String, Object> availability(Locale locale) {
        CashierAvailability.Reason refusal = availability.refusal();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("available", refusal == null);
        json.put("reason", refusal == null ? null : refusal.name());
        json.put("message", text(refusal == null ? "cashier.available" : "cashier.unavailable", locale));
        json.put("detail", refusal == null ? null : text("cashier.unavailable." + refusal.name(), locale));
        return json;
    }

    @PostMapping("/cashier/payments")
    @ResponseBody
    ResponseEntity<Object> start(@RequestBody Start start, Principal user, HttpSession session, Locale locale) {
        CashierAmount.Parsed amount = CashierAmount.parse(start.amount(), payments.maxAmountMinor());
        Map<String, String> errors = new LinkedHashMap<>();
        if (!amount.ok()) {
            errors.put("amount", texts.getMessage("cashier.amount." + amount.refusal().name(),
                    new Object[] {CashierAmount.format(payments.maxAmountMinor(), locale)}, locale));
        }
        boolean listed = cashier.terminals().isEmpty()
                || cashier.terminals().stream().anyMatch(t -> t.id().equals(start.terminalId()));
        NewPayment body = new NewPayment(start.terminalId(), amount.ok() ? amount.minor() : 1L, null,
                start.reference() == null ? null : start.reference().strip(), null);
        for (ConstraintViolation<NewPayment> v : validator.validate(body)) {
            String field = v.getPropertyPath().toString();
            if ("terminalId".equals(field)) {
                errors.putIfAbsent("terminal", text("cashier.field.terminal", locale));
            } else if ("reference".equals(field)) {
                errors.putIfAbsent("reference", text(v.getConstraintDescriptor().getAnnotation() instanceof NoCardNumber
                        ? "cashier.field.referenceCard" : "cashier.field.reference", locale));
            }
        }
        if (!listed) {
            errors.putIfAbsent("terminal", text("cashier.field.terminal", locale));
        }
        if (!errors.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("errors", errors));
        }
        try {
            PaymentIntake.Accepted accepted = intake.accept(body, user.getName(), attemptKey(session));
            session.setAttribute(CURRENT, accepted.payment().id());
            return ResponseEntity.status(accepted.replayed() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                    .body(json(queries.view(accepted.payment()), locale));
        } catch (ClientProblem problem) {
            return refused(problem, "start", locale);
        }
    }

    /** The payment as it stands; the page asks every second while it is pending. */
    @GetMapping("/cashier/payments/{id}")
    @ResponseBody
    ResponseEntity<Object> payment(@PathVariable String id, Locale locale) {
        try {
            return ResponseEntity.ok(json(queries.view(id), locale));
        } catch (ClientProblem problem) {
            return refused(problem, "read", locale);
        }
    }

    @PostMapping("/cashier/payments/{id}/cancel")
    @ResponseBody
    ResponseEntity<Object> cancel(@PathVariable String id, Locale locale) {
        try {
            cancellation.cancel(id);
            return ResponseEntity.accepted().body(json(queries.view(id), locale));
        } catch (ClientProblem problem) {
            return refused(problem, "cancel", locale);
        }
    }

    /**
     * Refunds what is left of an approved payment. The key names the payment and how many of its refunds failed: a
     * double click repeats the same refund, a retry after a failed one is a new one.
     */
    @PostMapping("/cashier/payments/{id}/refund")
    @ResponseBody
    ResponseEntity<Object> refund(@PathVariable String id, Principal user, Locale locale) {
        try {
            long failed = queries.view(id).refunds().stream().filter(r -> r.state() == RefundState.FAILED).count();
            refunds.refund(id, new NewRefund(null), user.getName(), "cashier-refund-" + id + "-" + failed);
            return ResponseEntity.ok(json(queries.view(id), locale));
        } catch (ClientProblem problem) {
            return refused(problem, "refund", locale);
        }
    }

    /** After an outcome: the next payment gets a new key, and a reload no longer shows the last one. */
    @PostMapping("/cashier/next")
    @ResponseBody
    Map<String, Object> next(HttpSession session) {
        session.removeAttribute(CURRENT);
        session.setAttribute(ATTEMPT_KEY, UUID.randomUUID().toString());
        return Map.of("ready", true);
    }

    private CashierPaymentJson json(PaymentView view, Locale locale) {
        return CashierPaymentJson.of(view, texts, locale);
    }

    private static String attemptKey(HttpSession session) {
        Object key = session.getAttribute(ATTEMPT_KEY);
        if (key == null) {
            key = UUID.randomUUID().toString();
            session.setAttribute(ATTEMPT_KEY, key);
        }
        return (String) key;
    }

    /** A refusal in the cashier's words; the API's problem types decide which. */
    private ResponseEntity<Object> refused(ClientProblem problem, String action, Locale locale) {
        String type = problem.type().toString();
        String key;
        if (type.equals(PaymentProblems.SUSPENDED.toString()) || type.equals(PaymentProblems.BACKEND_UNAVAILABLE.toString())) {
            key = switch (action) {
                case "cancel" -> "cashier.error.cancelUnavailable";
                case "refund" -> "cashier.error.refundUnavailable";
                default -> "cashier.unavailable";
            };
        } else if (type.equals(PaymentProblems.TERMINAL_BUSY.toString())) {
            key = "cashier.error.busy";
        } else if (type.equals(PaymentProblems.NOT_CANCELLABLE.toString())) {
            key = "cashier.error.notCancellable";
        } else if (type.equals(PaymentProblems.NOT_REFUNDABLE.toString()) || type.equals(PaymentProblems.REFUND_TOO_LARGE.toString())) {
            key = "cashier.error.notRefundable";
        } else if (type.equals(PaymentProblems.KEY_REUSED.toString())) {
            key = "cashier.error.keyReused";
        } else if (problem.status() == HttpStatus.NOT_FOUND) {
            key = "cashier.error.notFound";
        } else {
            key = "cashier.error.other";
        }
        return ResponseEntity.status(problem.status()).body(Map.of("error", text(key, locale)));
    }

    private String text(String key, Locale locale) {
        return texts.getMessage(key, null, locale);
    }
}
