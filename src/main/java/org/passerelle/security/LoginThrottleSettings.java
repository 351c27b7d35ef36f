package org.passerelle.security;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code passerelle.security.login.*}: brute-force protection of HTTP Basic.
 *
 * @param maxFailuresPerUser failed logins for one user name within {@code window} after which that name is refused
 *        (1-1000, default 10)
 * @param maxFailuresPerAddress failed logins from one client address within {@code window} after which that address
 *        is refused, whatever the user name (1-100000, default 20)
 * @param window how long failures are counted from the first one, and how long a lock lasts at most (1 s - 24 h,
 *        default 5 min)
 */
record LoginThrottleSettings(
        @Min(value = 1, message = "passerelle.security.login.max-failures-per-user must be between 1 and 1000")
        @Max(value = 1000, message = "passerelle.security.login.max-failures-per-user must be between 1 and 1000")
        @DefaultValue("10") int maxFailuresPerUser,
        @Min(value = 1, message = "passerelle.security.login.max-failures-per-address must be between 1 and 100000")
        @Max(value = 100_000, message = "passerelle.security.login.max-failures-per-address must be between 1 and 100000")
        @DefaultValue("20") int maxFailuresPerAddress,
        @NotNull(message = "passerelle.security.login.window is required")
        @DefaultValue("5m") Duration window) {

    @AssertTrue(message = "passerelle.security.login.window must be between 1s and 24h")
    public boolean isWindowInRange() {
        return window == null || window.compareTo(Duration.ofSeconds(1)) >= 0 && window.compareTo(Duration.ofHours(24)) <= 0;
    }
}
