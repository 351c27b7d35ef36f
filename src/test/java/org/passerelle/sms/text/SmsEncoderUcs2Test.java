package org.passerelle.sms.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SmsEncoderUcs2Test {

    private final SmsEncoder encoder = new SmsEncoder(false);

    @Test
    void oneCharacterOutsideGsm7MakesTheWholeTextUcs2() {
        EncodedSms sms = encoder.encode("Bonne fête", 1);

        assertThat(sms.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(sms.units()).isEqualTo(10);
        assertThat(sms.segments().get(0)).containsExactly(
                0x00, 'B', 0x00, 'o', 0x00, 'n', 0x00, 'n', 0x00, 'e', 0x00, ' ', 0x00, 'f', 0x00, 0xEA, 0x00, 't', 0x00, 'e');
    }

    @Test
    void bytesAreBigEndianUtf16() {
        assertThat(encoder.encode("’€", 1).segments().get(0)).containsExactly(0x20, 0x19, 0x20, 0xAC);
    }

    @Test
    void seventyUnitsFitInOneSms() {
        EncodedSms sms = encoder.encode("ê".repeat(70), 1);

        assertThat(sms.segmentCount()).isEqualTo(1);
        assertThat(sms.concatenated()).isFalse();
        assertThat(sms.segments().get(0)).hasSize(140);
    }

    @Test
    void seventyOneUnitsNeedTwoParts() {
        EncodedSms sms = encoder.encode("ê".repeat(71), 1);

        assertThat(sms.units()).isEqualTo(71);
        assertThat(sms.segmentCount()).isEqualTo(2);
        assertThat(Segments.unitsOf(sms, 0)).isEqualTo(67);
        assertThat(Segments.unitsOf(sms, 1)).isEqualTo(4);
        assertThat(sms.segments().get(0)).hasSize(6 + 134);
    }

    @Test
    void twoFullPartsHold134Units() {
        assertThat(encoder.encode("ê".repeat(134), 1).segmentCount()).isEqualTo(2);
        assertThat(encoder.encode("ê".repeat(135), 1).segmentCount()).isEqualTo(3);
    }

    @Test
    void anEmojiAtAPartBoundaryIsNotSplit() {
        // units 0..65 are 'ê'; the surrogate pair would take units 66 and 67, across the cut after 67.
        String text = "ê".repeat(66) + "😀" + "ê".repeat(10);
        EncodedSms sms = encoder.encode(text, 1);

        assertThat(sms.units()).isEqualTo(78);
        assertThat(sms.segmentCount()).isEqualTo(2);
        assertThat(Segments.unitsOf(sms, 0)).isEqualTo(66);
        assertThat(Segments.payloadOf(sms, 1)).startsWith(0xD8, 0x3D, 0xDE, 0x00);
        assertThat(Segments.decode(sms)).isEqualTo(text);
    }

    @Test
    void anEmojiEndingExactlyAtTheBoundaryStaysInPlace() {
        EncodedSms sms = encoder.encode("ê".repeat(65) + "😀" + "ê".repeat(10), 1);

        assertThat(Segments.unitsOf(sms, 0)).isEqualTo(67);
        assertThat(Segments.payloadOf(sms, 0)).endsWith(0xD8, 0x3D, 0xDE, 0x00);
    }

    @Test
    void unitsCountUtf16CodeUnitsSoAnEmojiCostsTwo() {
        assertThat(encoder.encode("😀".repeat(35), 1).segmentCount()).isEqualTo(1);
        EncodedSms sms = encoder.encode("😀".repeat(36), 1);
        assertThat(sms.units()).isEqualTo(72);
        assertThat(sms.segmentCount()).isEqualTo(2);
        assertThat(Segments.unitsOf(sms, 0)).isEqualTo(66);
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        assertThatThrownBy(() -> encoder.encode("abc\uD83D", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired").hasMessageContaining("index 3");
        assertThatThrownBy(() -> encoder.encode("\uDE00abc", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 0");
    }

    @Test
    void randomLongTextsDecodeBackAndRespectThePartLimit() {
        String[] symbols = {"a", "ê", "ô", "’", " ", "😀", "👍🏽", "日", "\n"};
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder("ê");
            for (int i = random.nextInt(600); i >= 0; i--) {
                text.append(symbols[random.nextInt(symbols.length)]);
            }
            EncodedSms sms = encoder.encode(text.toString(), round);

            assertThat(sms.encoding()).isEqualTo(SmsEncoding.UCS2);
            assertThat(sms.units()).isEqualTo(text.length());
            assertThat(Segments.decode(sms)).isEqualTo(text.toString());
            assertThat(encoder.segmentCount(text.toString())).isEqualTo(sms.segmentCount());
            int limit = sms.concatenated() ? 67 : 70;
            for (int i = 0; i < sms.segmentCount(); i++) {
                byte[] payload = Segments.payloadOf(sms, i);
                assertThat(Segments.unitsOf(sms, i)).isBetween(1, limit);
                char last = (char) (((payload[payload.length - 2] & 0xFF) << 8) | (payload[payload.length - 1] & 0xFF));
                assertThat(Character.isHighSurrogate(last)).as("part %d ends inside a surrogate pair", i + 1).isFalse();
            }
        }
    }
}
