package org.passerelle.console;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.passerelle.api.ClientProblem;
import org.passerelle.api.ProblemHandling;
import org.passerelle.api.ProblemTypes;
import org.passerelle.channel.ChannelId;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The console's refusals in the console's language: the same problem+json as the API (status, type, title), with
 * the {@code detail} a person at the console reads taken from the message bundle when the refusal has a screen
 * text ({@link ClientProblem#screenKey()}), else the API's own.
 */
@RestControllerAdvice(assignableTypes = ConsoleApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleRefusals {

    private final ConsoleText text;

    ConsoleRefusals(ConsoleText text) {
        this.text = text;
    }

    @ExceptionHandler(ClientProblem.class)
    ProblemDetail refused(ClientProblem e) {
        String detail = e.screenKey()
                .map(key -> text.get("refusal." + key, Arrays.stream(e.screenArgs()).map(this::shown).toArray()))
                .orElse(e.getMessage());
        return ProblemHandling.problem(e, detail);
    }

    /** Only the reason is typed by hand (its absence is caught in the page): too long, or holding a card number. */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(this::fieldText).distinct().collect(Collectors.joining(" "));
        return ProblemHandling.problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                detail.isEmpty() ? text.get("refusal.invalid") : detail);
    }

    private String fieldText(FieldError error) {
        String code = error.getCode() == null ? "" : error.getCode();
        return switch (error.getField() + "." + code) {
            case "reason.NotBlank" -> text.get("refusal.reason.NotBlank");
            case "reason.Size" -> text.get("refusal.reason.Size");
            case "reason.NoCardNumber" -> text.get("refusal.reason.NoCardNumber");
            default -> text.get("refusal.invalid");
        };
    }

    private Object shown(Object arg) {
        if (arg instanceof ChannelId id) {
            return text.channel(id);
        }
        if (arg instanceof ClientProblem.Word word) {
            return text.get(word.key());
        }
        return arg == null ? "" : String.valueOf(arg);
    }
}
