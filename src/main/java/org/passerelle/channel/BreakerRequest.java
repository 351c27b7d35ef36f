package org.passerelle.channel;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.passerelle.privacy.NoCardNumber;

/** Body of {@code POST /api/channels/{id}/breaker}. */
record BreakerRequest(
        @NotNull(message = "one of FORCE_OPEN, FORCE_CLOSED, RESET")
        ChannelControl.BreakerCommand action,
        @NotBlank(message = "a reason is required for every control change")
        @Size(max = 500, message = "at most 500 characters")
        @NoCardNumber
        String reason) {
}
