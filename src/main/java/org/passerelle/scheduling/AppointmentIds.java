package org.passerelle.scheduling;

import java.util.regex.Pattern;

/**
 * The one rule for appointment ids, whichever way they come (REST path, HL7 SCH-1/SCH-2): 1 to 64 ASCII letters,
 * digits, {@code .}, {@code _} or {@code -}. An id that REST could not read back or delete is never stored.
 */
public final class AppointmentIds {

    /** As a regular expression, for {@code @Pattern}. */
    public static final String PATTERN = "[A-Za-z0-9._-]{1,64}";
    /** What the rule says, for messages. */
    public static final String RULE = "1-64 letters, digits, . _ -";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private AppointmentIds() {
    }

    public static boolean isValid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }
}
