package org.passerelle.scheduling;

import java.util.regex.Pattern;

/**
 * The one rule for appointment ids, whatever the intake (REST path, HL7 SCH-1/SCH-2): 1–64 ASCII letters, digits,
 * {@code .}, {@code _} or {@code -}, and not {@code .} or {@code ..} (which a URL path cannot carry). An id that
 * fits can be read, replaced and cancelled through every intake; one that does not is refused before anything is
 * stored ({@code ../../etc/passwd}, Unicode, 10,000 characters).
 */
public final class AppointmentId {

    /** For {@code @Pattern} on REST paths. */
    public static final String PATTERN = "(?!\\.{1,2}$)[A-Za-z0-9._-]{1,64}";
    /** What the rule says, for problem details and ACK texts (never the id itself). */
    public static final String RULE = "1-64 letters, digits, . _ - (not . or ..)";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private AppointmentId() {
    }

    public static boolean isValid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }

    /** @throws InvalidAppointmentException (field {@code id}) when the id breaks the rule */
    static String require(String id) {
        if (!isValid(id)) {
            throw new InvalidAppointmentException("id", "appointment id: " + RULE);
        }
        return id;
    }
}
