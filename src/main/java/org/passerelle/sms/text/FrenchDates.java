package org.passerelle.sms.text;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates and times as a French reminder says them: "mardi 3 mars", "1er avril", "14h30". */
final class FrenchDates {

    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.FRENCH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM", Locale.FRENCH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H'h'mm", Locale.FRENCH);

    private FrenchDates() {
    }

    /**
     * The JDK's French names, except that the first of the month is "1er" as French writes it,
     * and "août" is written "aout" (a spelling the 1990 French spelling reform accepts) because
     * û is not in GSM-7 and would otherwise force every August reminder into UCS-2.
     */
    static String date(ZonedDateTime start) {
        int day = start.getDayOfMonth();
        String text = WEEKDAY.format(start) + " " + (day == 1 ? "1er" : String.valueOf(day)) + " " + MONTH.format(start);
        return Transliterator.toGsm(text);
    }

    static String time(ZonedDateTime start) {
        return TIME.format(start);
    }
}
