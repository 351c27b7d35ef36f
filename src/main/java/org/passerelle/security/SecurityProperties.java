package org.passerelle.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.security.users}: the accounts allowed in. There is no default outside the local
 * profile: a deployment that configures none refuses to start.
 */
@Validated
@ConfigurationProperties("passerelle.security")
public class SecurityProperties {

    @NotEmpty(message = "passerelle.security.users must list at least one user (no default accounts outside the local profile)")
    @Valid
    private List<User> users = new ArrayList<>();

    public List<User> getUsers() {
        return users;
    }

    public void setUsers(List<User> users) {
        this.users = users;
    }

    public static class User {
        @NotBlank(message = "each user needs a username")
        @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}", message = "username: 1-64 letters, digits or . _ @ -")
        private String username;

        private static final java.util.regex.Pattern HASHED = java.util.regex.Pattern.compile(
                "\\{(bcrypt|argon2@SpringSecurity_v5_8|pbkdf2@SpringSecurity_v5_8|scrypt@SpringSecurity_v5_8)}.+");

        /** A password hash with its id prefix, e.g. {bcrypt}$2a$10$... Plain text is refused. */
        @NotBlank(message = "each user needs a password hash")
        private String password;

        @NotEmpty(message = "each user needs at least one role: SCHEDULER, CASHIER, OPS, AUDITOR")
        private Set<Role> roles = EnumSet.noneOf(Role.class);

        /**
         * Checked here rather than by a {@code @Pattern} on the field: a field constraint puts the rejected
         * value in the start-up failure report, which would print a plain-text password into the logs.
         */
        @AssertTrue(message = "password must be a hash such as {bcrypt}$2a$10$...; plain-text passwords are refused")
        public boolean isPasswordHashed() {
            return password == null || password.isBlank() || HASHED.matcher(password).matches();
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public Set<Role> getRoles() {
            return roles;
        }

        public void setRoles(Set<Role> roles) {
            this.roles = roles;
        }
    }
}
