package org.passerelle.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per user name and per client address in a fixed window that starts at the first failure.
 * Once a count reaches its limit, every attempt for that name (or from that address) is refused until the window
 * ends, before any password is checked. A success clears the user name's count (not the address's: an address
 * that guesses many names and knows one stays counted). Bounded: the oldest entries go beyond
 * {@value #MAX_ENTRIES} names or addresses.
 */
final class LoginThrottle {

    static final int MAX_ENTRIES = 10_000;

    private final int maxPerUser;
    private final int maxPerAddress;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> users = bounded();
    private final Map<String, Window> addresses = bounded();

    LoginThrottle(LoginThrottleSettings settings, LongSupplier nanoTime) {
        this.maxPerUser = settings.maxFailuresPerUser();
        this.maxPerAddress = settings.maxFailuresPerAddress();
        this.windowNanos = settings.window().toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether an attempt must be refused now, and for how long; empty: go on and check the password. */
    synchronized Optional<Lock> refusal(String user, String address) {
        long now = nanoTime.getAsLong();
        Optional<Lock> byUser = locked(users, user, maxPerUser, now, Lock.Scope.USER);
        return byUser.isPresent() ? byUser : locked(addresses, address, maxPerAddress, now, Lock.Scope.ADDRESS);
    }

    /** Records a failure; returns the lock it starts, if this failure reached a limit. */
    synchronized Optional<Lock> failed(String user, String address) {
        long now = nanoTime.getAsLong();
        boolean userLocks = user != null && count(users, user, now) == maxPerUser;
        boolean addressLocks = address != null && count(addresses, address, now) == maxPerAddress;
        if (userLocks) {
            return locked(users, user, maxPerUser, now, Lock.Scope.USER);
        }
        return addressLocks ? locked(addresses, address, maxPerAddress, now, Lock.Scope.ADDRESS) : Optional.empty();
    }

    synchronized void succeeded(String user) {
        users.remove(user);
    }

    /** Forgets every count and lock (tests start from a clean slate with it). */
    synchronized void clear() {
        users.clear();
        addresses.clear();
    }

    private int count(Map<String, Window> map, String key, long now) {
        Window w = map.get(key);
        if (w == null || now - w.start >= windowNanos) {
            w = new Window(now);
            map.put(key, w);
        }
        return ++w.failures;
    }

    private Optional<Lock> locked(Map<String, Window> map, String key, int max, long now, Lock.Scope scope) {
        Window w = key == null ? null : map.get(key);
        if (w == null || w.failures < max) {
            return Optional.empty();
        }
        long left = w.start + windowNanos - now;
        if (left <= 0) {
            map.remove(key);
            return Optional.empty();
        }
        return Optional.of(new Lock(scope, Duration.ofNanos(left), w.failures));
    }

    private static Map<String, Window> bounded() {
        return new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }

    private static final class Window {
        final long start;
        int failures;

        Window(long start) {
            this.start = start;
        }
    }

    /** A refusal: which counter, for how long more, after how many failures. */
    record Lock(Scope scope, Duration remaining, int failures) {
        enum Scope { USER, ADDRESS }

        long retryAfterSeconds() {
            return Math.max(1, (remaining.toMillis() + 999) / 1000);
        }
    }
}
