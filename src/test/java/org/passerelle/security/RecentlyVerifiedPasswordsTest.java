package org.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class RecentlyVerifiedPasswordsTest {

    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            bcryptChecks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };

    @Test
    void aRightPasswordIsCheckedWithBcryptOnceWithinTheTtl() {
        RecentlyVerifiedPasswords passwords = new RecentlyVerifiedPasswords(counting, Duration.ofMinutes(5));
        String hash = bcrypt.encode("ops");
        for (int i = 0; i < 10; i++) {
            assertThat(passwords.matches("ops", hash)).isTrue();
        }
        assertThat(bcryptChecks).hasValue(1);
    }

    @Test
    void wrongPasswordsAreNeverRememberedAndAlwaysPayBcrypt() {
        RecentlyVerifiedPasswords passwords = new RecentlyVerifiedPasswords(counting, Duration.ofMinutes(5));
        String hash = bcrypt.encode("ops");
        passwords.matches("ops", hash);
        for (int i = 0; i < 5; i++) {
            assertThat(passwords.matches("guess" + i, hash)).isFalse();
            assertThat(passwords.matches("ops ", hash)).isFalse();
        }
        assertThat(bcryptChecks).hasValue(11);
        assertThat(passwords.matches("ops", bcrypt.encode("other"))).as("same password, another account's hash").isFalse();
    }

    @Test
    void afterTheTtlTheHashIsCheckedAgain() throws InterruptedException {
        RecentlyVerifiedPasswords passwords = new RecentlyVerifiedPasswords(counting, Duration.ofMillis(50));
        String hash = bcrypt.encode("ops");
        passwords.matches("ops", hash);
        Thread.sleep(80);
        passwords.matches("ops", hash);
        assertThat(bcryptChecks).hasValue(2);
    }
}
