package org.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.OPS;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.PasserelleInstance;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The configured password hash is what every request is checked against. Spring Security re-hashes a
 * password whose bcrypt strength is below its default on login when the user store can be updated; with
 * configured users that only costs CPU on every later request (the test profile's strength 4 became 10:
 * ~100 ms per request) and is lost at restart, so the configured users must not be updatable.
 */
class PasswordHashNotUpgradedTest {

    @Test
    void loggingInKeepsTheConfiguredHash() {
        try (PasserelleInstance app = PasserelleInstance.start("password-hash", List.of())) {
            UserDetailsService users = app.bean(UserDetailsService.class);
            assertThat(users).isNotInstanceOf(UserDetailsPasswordService.class);
            String configured = users.loadUserByUsername("ops").getPassword();
            assertThat(configured).startsWith("{bcrypt}$2a$04$");

            for (int i = 0; i < 3; i++) {
                assertThat(app.as(OPS).get("/api/channels").status()).isEqualTo(200);
            }

            assertThat(users.loadUserByUsername("ops").getPassword()).isEqualTo(configured);
        }
    }
}
