package org.passerelle.security;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code passerelle.security.users[i].*}: one account.
 *
 * @param username 1-64 letters, digits or . _ @ -
 * @param password a password hash with its id prefix, e.g. {bcrypt}$2a$10$... Plain text is refused.
 * @param roles at least one of SCHEDULER, CASHIER, OPS, AUDITOR
 */
public record ConfiguredUser(
        @NotBlank(message = "passerelle.security.users[i].username is required")
        @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}",
                message = "passerelle.security.users[i].username must be 1-64 letters, digits or . _ @ -") String username,
        @NotBlank(message = "passerelle.security.users[i].password is required: a password hash") String password,
        @NotEmpty(message = "passerelle.security.users[i].roles: each user needs at least one role: SCHEDULER, CASHIER, OPS, AUDITOR")
        Set<Role> roles) {

    private static final java.util.regex.Pattern HASHED = java.util.regex.Pattern.compile(
            "\\{(bcrypt|argon2@SpringSecurity_v5_8|pbkdf2@SpringSecurity_v5_8|scrypt@SpringSecurity_v5_8)}.+");

    public ConfiguredUser {
        roles = roles == null || roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    /**
     * Checked here rather than by a {@code @Pattern} on the component: a field constraint puts the rejected
     * value in the start-up failure report, which would print a plain-text password into the logs.
     */
    @AssertTrue(message = "passerelle.security.users[i].password must be a hash such as {bcrypt}$2a$10$...; plain-text passwords are refused")
    public boolean isPasswordHashed() {
        return password == null || password.isBlank() || HASHED.matcher(password).matches();
    }

    /** The password hash stays out of logs and failure reports. */
    @Override
    public String toString() {
        return "ConfiguredUser[username=" + username + ", roles=" + roles + "]";
    }
}
