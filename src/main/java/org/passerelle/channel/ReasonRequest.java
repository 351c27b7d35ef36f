package org.passerelle.channel;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.passerelle.privacy.NoCardNumber;

/** Body of every control change: the reason is mandatory and goes into the audit. */
record ReasonRequest(
        @NotBlank(message = "a reason is required for every control change")
        @Size(max = 500, message = "at most 500 characters")
        @NoCardNumber
        String reason) {
}
