package org.passerelle.sms.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Concatenation headers, limits, transliteration and previews; the encodings have their own tests. */
class SmsEncoderTest {

    private final SmsEncoder plain = new SmsEncoder(false);
    private final SmsEncoder transliterating = new SmsEncoder(true);

    @Test
    void everyPartStartsWithTheConcatenationHeader() {
        EncodedSms sms = plain.encode("a".repeat(307), 0xAB);

        assertThat(sms.segmentCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(sms.segments().get(i)).startsWith(0x05, 0x00, 0x03, 0xAB, 0x03, i + 1);
        }
        assertThat(sms.segments().get(2)).containsExactly(0x05, 0x00, 0x03, 0xAB, 0x03, 0x03, 0x61);
    }

    @Test
    void ucs2PartsCarryTheSameHeader() {
        EncodedSms sms = plain.encode("ê".repeat(71), 7);

        assertThat(sms.segments().get(0)).startsWith(0x05, 0x00, 0x03, 0x07, 0x02, 0x01, 0x00, 0xEA);
        assertThat(sms.segments().get(1)).containsExactly(0x05, 0x00, 0x03, 0x07, 0x02, 0x02,
                0x00, 0xEA, 0x00, 0xEA, 0x00, 0xEA, 0x00, 0xEA);
    }

    @Test
    void onlyTheLowEightBitsOfTheReferenceAreSent() {
        assertThat(plain.encode("a".repeat(161), 0x1234).segments().get(0)[3]).isEqualTo((byte) 0x34);
        assertThat(plain.encode("a".repeat(161), -1).segments().get(0)[3]).isEqualTo((byte) 0xFF);
        assertThat(plain.encode("a".repeat(161), 256).segments().get(0)[3]).isEqualTo((byte) 0x00);
    }

    @Test
    void aSingleSmsHasNoHeader() {
        assertThat(plain.encode("Bonjour", 99).segments().get(0)).containsExactly('B', 'o', 'n', 'j', 'o', 'u', 'r');
    }

    @Test
    void twoHundredFiftyFivePartsIsTheMaximum() {
        EncodedSms gsm = plain.encode("a".repeat(153 * 255), 1);
        assertThat(gsm.segmentCount()).isEqualTo(255);
        assertThat(gsm.segments().get(254)).startsWith(0x05, 0x00, 0x03, 0x01, 0xFF, 0xFF);

        assertThatThrownBy(() -> plain.encode("a".repeat(153 * 255 + 1), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 SMS parts").hasMessageContaining("at most 255");
    }

    @Test
    void twoHundredFiftyFiveUcs2Parts() {
        assertThat(plain.encode("ê".repeat(67 * 255), 1).segmentCount()).isEqualTo(255);
        assertThatThrownBy(() -> plain.encode("ê".repeat(67 * 255 + 1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UCS2");
    }

    @Test
    void emptyTextIsRefused() {
        assertThatThrownBy(() -> plain.encode("", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void nullTextIsAProgrammingError() {
        assertThatThrownBy(() -> plain.encode(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void typographicApostropheAndCircumflexForceUcs2WithoutTransliteration() {
        EncodedSms sms = plain.encode("l’hôpital", 1);

        assertThat(sms.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(sms.units()).isEqualTo(9);
        assertThat(Segments.decode(sms)).isEqualTo("l’hôpital");
    }

    @Test
    void transliterationKeepsTheTextGsm7() {
        EncodedSms sms = transliterating.encode("l’hôpital", 1);

        assertThat(sms.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(sms.units()).isEqualTo(9);
        assertThat(Segments.decode(sms)).isEqualTo("l'hopital");
    }

    @Test
    void transliterationCanSaveSegments() {
        String text = "Votre rendez-vous à l’hôpital est confirmé. ".repeat(3);
        assertThat(text).hasSize(132);

        assertThat(plain.segmentCount(text)).isEqualTo(2);
        assertThat(transliterating.segmentCount(text)).isEqualTo(1);
    }

    @Test
    void whenTransliterationCannotReachGsm7TheOriginalTextGoesOutInUcs2() {
        EncodedSms sms = transliterating.encode("À l’hôpital 😀", 1);

        assertThat(sms.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(Segments.decode(sms)).isEqualTo("À l’hôpital 😀");
    }

    @Test
    void transliterationLeavesGsm7TextAlone() {
        EncodedSms sms = transliterating.encode("Réf Ç à 10€", 1);

        assertThat(sms.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(Segments.decode(sms)).isEqualTo("Réf Ç à 10€");
    }

    @Test
    void encodingOfLooksAtTheTextAsItIs() {
        assertThat(SmsEncoder.encodingOf("Réf [A1] 10€")).isEqualTo(SmsEncoding.GSM7);
        assertThat(SmsEncoder.encodingOf("garçon")).isEqualTo(SmsEncoding.UCS2);
        assertThat(SmsEncoder.encodingOf("l’hopital")).isEqualTo(SmsEncoding.UCS2);
        assertThat(SmsEncoder.encodingOf("")).isEqualTo(SmsEncoding.GSM7);
    }

    @Test
    void segmentCountPreviewsWhatEncodeSends() {
        assertThat(plain.segmentCount("a".repeat(160))).isEqualTo(1);
        assertThat(plain.segmentCount("a".repeat(161))).isEqualTo(2);
        assertThat(plain.segmentCount("a".repeat(159) + "€")).isEqualTo(2);
        assertThat(plain.segmentCount("ê".repeat(70))).isEqualTo(1);
        assertThat(plain.segmentCount("ê".repeat(71))).isEqualTo(2);
    }

    @Test
    void segmentCountAcceptsEmptyAndOverlongTextsForPreviews() {
        assertThat(plain.segmentCount("")).isZero();
        assertThat(plain.segmentCount("a".repeat(153 * 300))).isEqualTo(300);
    }
}
