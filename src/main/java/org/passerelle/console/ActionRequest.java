package org.passerelle.console;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.passerelle.privacy.NoCardNumber;

/** What a console button sends once confirmed: the action, its channel (or reopening request) and the reason. */
record ActionRequest(
        @NotNull(message = "the action is required") ConsoleAction action,
        @Size(max = 32) String channel,
        Long request,
        @NotBlank(message = "a reason is required for every control change")
        @Size(max = 500, message = "at most 500 characters")
        @NoCardNumber
        String reason) {
}
