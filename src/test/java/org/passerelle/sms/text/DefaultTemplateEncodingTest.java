package org.passerelle.sms.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** A template written with care stays GSM-7 and short; typography slipped into it does not. */
class DefaultTemplateEncodingTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ReminderTemplate DEFAULT = new ReminderTemplate(ReminderTemplate.DEFAULT_TEMPLATE);

    private final SmsEncoder plain = new SmsEncoder(false);
    private final SmsEncoder transliterating = new SmsEncoder(true);

    @Test
    void theDefaultTemplateIsWrittenInGsm7() {
        assertThat(GsmAlphabet.isEncodable(ReminderTemplate.DEFAULT_TEMPLATE)).isTrue();
    }

    @Test
    void aTypicalReminderIsGsm7AndAtMostTwoSms() {
        String text = DEFAULT.render(ReminderTemplate.fields(ZonedDateTime.of(2026, 3, 3, 14, 30, 0, 0, PARIS),
                "CHU Pontchaillou", "2 rue Henri Le Guilloux, 35000 Rennes", "02 99 28 43 21", "A1B2C3D4"));

        EncodedSms sms = plain.encode(text, 1);
        assertThat(sms.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(sms.segmentCount()).isLessThanOrEqualTo(2);
        assertThat(Segments.decode(sms)).isEqualTo(text);
    }

    @Test
    void theLongestDateOfTheYearWithGenerousValuesStillFitsInTwoSms() {
        String text = DEFAULT.render(ReminderTemplate.fields(ZonedDateTime.of(2026, 9, 30, 14, 30, 0, 0, PARIS),
                "Centre hospitalier de Saint-Brieuc", "10 rue Marcel Proust, 22000 Saint-Brieuc",
                "+33 2 96 01 71 23", "RDV-2026-0012345"));

        assertThat(SmsEncoder.encodingOf(text)).isEqualTo(SmsEncoding.GSM7);
        assertThat(plain.segmentCount(text)).isEqualTo(2);
    }

    @Test
    void everyDayOfTheYearKeepsTheDefaultReminderGsm7() {
        for (LocalDate day = LocalDate.of(2026, 1, 1); day.getYear() == 2026; day = day.plusDays(1)) {
            String text = DEFAULT.render(ReminderTemplate.fields(ZonedDateTime.of(day, LocalTime.of(8, 45), PARIS),
                    "CHU Pontchaillou", "2 rue Henri Le Guilloux, Rennes", "02 99 28 43 21", "A1B2C3D4"));
            assertThat(plain.encode(text, 1).encoding()).as(text).isEqualTo(SmsEncoding.GSM7);
        }
    }

    @Test
    void typographicApostropheAndCircumflexForceUcs2WithoutTransliteration() {
        String text = DEFAULT.render(ReminderTemplate.fields(ZonedDateTime.of(2026, 3, 3, 14, 30, 0, 0, PARIS),
                "Accueil de l’hôpital Sud", "16 bd de Bulgarie, Rennes", "02 99 28 43 21", "A1B2C3D4"));

        EncodedSms sms = plain.encode(text, 1);
        assertThat(sms.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(sms.segmentCount()).isEqualTo(3);
    }

    @Test
    void transliterationKeepsTheSameReminderGsm7() {
        String text = DEFAULT.render(ReminderTemplate.fields(ZonedDateTime.of(2026, 3, 3, 14, 30, 0, 0, PARIS),
                "Accueil de l’hôpital Sud", "16 bd de Bulgarie, Rennes", "02 99 28 43 21", "A1B2C3D4"));

        EncodedSms sms = transliterating.encode(text, 1);
        assertThat(sms.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(sms.segmentCount()).isLessThanOrEqualTo(2);
        assertThat(Segments.decode(sms)).contains("Accueil de l'hopital Sud");
    }
}
