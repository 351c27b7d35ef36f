package org.passerelle.sms.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@link ReminderTemplate#fields}: how dates and times are written in a French reminder. */
class ReminderFieldsFormattingTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static ZonedDateTime paris(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(LocalDateTime.of(year, month, day, hour, minute), PARIS);
    }

    @Test
    void writesDateAndTimeAsAFrenchSmsDoes() {
        ReminderFields fields = ReminderTemplate.fields(paris(2026, 3, 3, 14, 30), "CHU", "2 rue X", "0299000000", "R1");

        assertThat(fields.date()).isEqualTo("mardi 3 mars");
        assertThat(fields.time()).isEqualTo("14h30");
        assertThat(fields.siteLabel()).isEqualTo("CHU");
        assertThat(fields.siteAddress()).isEqualTo("2 rue X");
        assertThat(fields.callbackPhone()).isEqualTo("0299000000");
        assertThat(fields.reference()).isEqualTo("R1");
    }

    @Test
    void hoursHaveNoLeadingZeroAndMinutesAlwaysTwoDigits() {
        assertThat(ReminderTemplate.fields(paris(2026, 3, 3, 9, 5), "a", "b", "c", "d").time()).isEqualTo("9h05");
        assertThat(ReminderTemplate.fields(paris(2026, 3, 3, 8, 0), "a", "b", "c", "d").time()).isEqualTo("8h00");
        assertThat(ReminderTemplate.fields(paris(2026, 3, 3, 0, 15), "a", "b", "c", "d").time()).isEqualTo("0h15");
    }

    @Test
    void theFirstOfTheMonthIsWrittenPremier() {
        assertThat(ReminderTemplate.fields(paris(2026, 4, 1, 10, 0), "a", "b", "c", "d").date()).isEqualTo("mercredi 1er avril");
        assertThat(ReminderTemplate.fields(paris(2026, 4, 11, 10, 0), "a", "b", "c", "d").date()).isEqualTo("samedi 11 avril");
        assertThat(ReminderTemplate.fields(paris(2026, 4, 21, 10, 0), "a", "b", "c", "d").date()).isEqualTo("mardi 21 avril");
    }

    @Test
    void augustIsWrittenWithoutTheCircumflexThatGsm7Lacks() {
        // The JDK writes "août"; û is not GSM-7 and would make every August reminder UCS-2.
        assertThat(DateTimeFormatter.ofPattern("MMMM", Locale.FRENCH).format(LocalDate.of(2026, 8, 15))).isEqualTo("août");
        assertThat(ReminderTemplate.fields(paris(2026, 8, 15, 10, 0), "a", "b", "c", "d").date()).isEqualTo("samedi 15 aout");
    }

    @Test
    void usesTheJdkFrenchNamesInLowerCase() {
        String[] expected = {"jeudi 15 janvier", "dimanche 15 février", "dimanche 15 mars", "mercredi 15 avril",
                "vendredi 15 mai", "lundi 15 juin", "mercredi 15 juillet", "samedi 15 aout", "mardi 15 septembre",
                "jeudi 15 octobre", "dimanche 15 novembre", "mardi 15 décembre"};
        for (Month month : Month.values()) {
            assertThat(ReminderTemplate.fields(paris(2026, month.getValue(), 15, 10, 0), "a", "b", "c", "d").date())
                    .isEqualTo(expected[month.ordinal()]);
        }
    }

    @Test
    void everyDateOfALeapYearIsGsm7() {
        for (LocalDate day = LocalDate.of(2028, 1, 1); day.getYear() == 2028; day = day.plusDays(1)) {
            String date = ReminderTemplate.fields(ZonedDateTime.of(day, LocalTime.NOON, PARIS), "a", "b", "c", "d").date();
            assertThat(GsmAlphabet.isEncodable(date)).as(date).isTrue();
        }
    }

    @Test
    void formatsInTheTimeZoneTheStartCarries() {
        ZonedDateTime utc = ZonedDateTime.of(LocalDateTime.of(2026, 3, 3, 23, 30), ZoneId.of("UTC"));

        assertThat(ReminderTemplate.fields(utc, "a", "b", "c", "d").time()).isEqualTo("23h30");
        ReminderFields paris = ReminderTemplate.fields(utc.withZoneSameInstant(PARIS), "a", "b", "c", "d");
        assertThat(paris.date()).isEqualTo("mercredi 4 mars");
        assertThat(paris.time()).isEqualTo("0h30");
        ReminderFields reunion = ReminderTemplate.fields(utc.withZoneSameInstant(ZoneId.of("Indian/Reunion")), "a", "b", "c", "d");
        assertThat(reunion.time()).isEqualTo("3h30");
    }
}
