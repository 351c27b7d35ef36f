package org.passerelle.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.security.users}: the accounts allowed in. There is no default outside the local
 * profile: a deployment that configures none refuses to start.
 *
 * @param users the accounts, each with a username, a password hash and roles
 * @param login how many failed logins are tolerated before further attempts are refused with 429
 */
@Validated
@ConfigurationProperties(prefix = "passerelle.security", ignoreUnknownFields = false)
public record SecurityProperties(
        @NotEmpty(message = "passerelle.security.users must list at least one user (no default accounts outside the local profile)")
        @Valid List<ConfiguredUser> users,
        @Valid @DefaultValue LoginThrottleSettings login) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
