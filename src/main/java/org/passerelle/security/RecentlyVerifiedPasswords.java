package org.passerelle.security;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.passerelle.privacy.Digests;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * HTTP Basic sends the password with every request, and a bcrypt check costs ~100 ms of CPU: without
 * this, a cashier desk or an integration engine would spend most of its time being authenticated.
 * A password that matched its hash is remembered for a short while as an HMAC under a key that lives
 * only in this process; wrong passwords are never remembered, so guessing still pays bcrypt every time.
 */
final class RecentlyVerifiedPasswords implements PasswordEncoder {

    private static final int MAX_ENTRIES = 1_000;

    private final PasswordEncoder delegate;
    private final long ttlNanos;
    private final SecretKeySpec key;
    private final Map<String, Long> verifiedUntil = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    RecentlyVerifiedPasswords(PasswordEncoder delegate, Duration ttl) {
        this.delegate = delegate;
        this.ttlNanos = ttl.toNanos();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        String fingerprint = fingerprint(rawPassword, encodedPassword);
        long now = System.nanoTime();
        synchronized (verifiedUntil) {
            Long until = verifiedUntil.get(fingerprint);
            if (until != null && until - now > 0) {
                return true;
            }
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            synchronized (verifiedUntil) {
                verifiedUntil.put(fingerprint, now + ttlNanos);
            }
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return false; // hashes come from configuration; nothing to upgrade in memory
    }

    private String fingerprint(CharSequence raw, String encoded) {
        return Digests.hmacSha256Hex(key, java.util.List.of(encoded, raw.toString()));
    }
}
