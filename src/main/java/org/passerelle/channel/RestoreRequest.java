package org.passerelle.channel;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.passerelle.privacy.NoCardNumber;

/** Body of {@code POST /api/incident/restore}: the channels to bring back now, and why. */
record RestoreRequest(
        @NotEmpty(message = "name at least one channel to restore (sms, payments, scheduling)")
        @Size(max = 3)
        List<@NotBlank String> channels,
        @NotBlank(message = "a reason is required for every control change")
        @Size(max = 500, message = "at most 500 characters")
        @NoCardNumber
        String reason) {
}
