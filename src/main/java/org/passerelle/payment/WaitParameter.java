package org.passerelle.payment;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ?wait=30s}, {@code 30}, {@code 500ms}: how long a GET may hold the answer; capped at the configured maximum. */
final class WaitParameter {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})(ms|s)?");

    private WaitParameter() {
    }

    static Duration parse(String raw, Duration max) {
        if (raw == null || raw.isEmpty()) {
            return Duration.ZERO;
        }
        Matcher m = FORMAT.matcher(raw);
        if (!m.matches()) {
            throw new PaymentProblems.Invalid("wait", "a duration such as 30s, 30 or 500ms, at most " + max.toSeconds() + "s");
        }
        long value = Long.parseLong(m.group(1));
        Duration d = "ms".equals(m.group(2)) ? Duration.ofMillis(value) : Duration.ofSeconds(value);
        return d.compareTo(max) > 0 ? max : d;
    }
}
