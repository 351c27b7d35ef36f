package org.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Api.ok;
import static org.passerelle.testsupport.Problems.assertProblem;
import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.OPS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Brute force on HTTP Basic: after the limit, a user name (or an address) gets 429 problem+json with Retry-After,
 * without a password check, also for the right password; other users go on; the lock lifts after the window; the
 * audit line names the user and the address, never the password. The throttle runs on a clock the test moves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "passerelle.security.login.max-failures-per-user=10",
        "passerelle.security.login.max-failures-per-address=20",
        "passerelle.security.login.window=5m"})
@ActiveProfiles("test")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleTest {

    @LocalServerPort
    int port;

    /** The throttle's clock, moved by the test: a window is 5 minutes, as by default, and no test waits for it. */
    static final AtomicLong CLOCK = new AtomicLong();

    @TestConfiguration
    static class ManualClock {
        @Bean
        @Primary
        LoginThrottle manualClockThrottle(SecurityProperties properties) {
            return new LoginThrottle(properties.login(), CLOCK::get);
        }
    }

    @Autowired
    LoginThrottle throttle;

    @BeforeEach
    void cleanSlate() {
        throttle.clear();
    }

    @Test
    void twoHundredWrongPasswordsLockTheUserAfterTenWithoutBcryptAndTheLockLiftsAfterTheWindow(CapturedOutput log) {
        Api api = Api.onPort(port);
        List<Integer> statuses = new ArrayList<>();
        ApiResponse last = null;
        for (int i = 0; i < 200; i++) {
            last = api.withCredentials("ops", "guess-" + i).get("/api/channels");
            statuses.add(last.status());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 200)).containsOnly(429);
        assertProblem(last, 429, "login-throttled");
        assertThat(last.header("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(299, 300));

        // the right password is refused too while locked: a lock must not tell a guesser which one was right
        assertProblem(api.as(OPS).get("/api/channels"), 429, "login-throttled");
        // other users are not affected (locked attempts do not count against the address)
        ok(api.as(AUDITOR).get("/api/channels"));

        assertThat(log.getAll()).contains("LOGIN LOCKED USER: 10 failed logins for user 'ops' from 127.0.0.1")
                .doesNotContain("guess-");

        CLOCK.addAndGet(Duration.ofMinutes(4).toNanos());
        assertProblem(api.as(OPS).get("/api/channels"), 429, "login-throttled");
        CLOCK.addAndGet(Duration.ofMinutes(1).toNanos());
        ok(api.as(OPS).get("/api/channels"));
        // a success reset the count: nine more failures do not lock
        for (int i = 0; i < 9; i++) {
            assertThat(api.withCredentials("ops", "again-" + i).get("/api/channels").status()).isEqualTo(401);
        }
        ok(api.as(OPS).get("/api/channels"));
    }

    @Test
    void manyUserNamesFromOneAddressLockTheAddress(CapturedOutput log) {
        Api api = Api.onPort(port);
        for (int i = 0; i < 10; i++) { // locks this (garbled) name, and counts 10 against the address
            assertThat(api.withCredentials("my secret\tpassword", "x").get("/api/channels").status()).isEqualTo(401);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(api.withCredentials("nobody-" + i, "x").get("/api/channels").status()).isEqualTo(401);
        }
        ApiResponse locked = api.as(AUDITOR).get("/api/channels");
        assertProblem(locked, 429, "login-throttled");
        assertThat(locked.json().path("detail").asText()).contains("from this address");
        assertThat(log.getAll()).contains("LOGIN LOCKED ADDRESS: 20 failed logins for user 'nobody-9' from 127.0.0.1")
                .contains("'(not a valid user name)'").doesNotContain("my secret");
        // requests without credentials are not throttled: the probes stay reachable
        ok(api.anonymous().get("/actuator/health/liveness"));
        CLOCK.addAndGet(Duration.ofMinutes(5).toNanos());
        ok(api.as(AUDITOR).get("/api/channels"));
    }
}
