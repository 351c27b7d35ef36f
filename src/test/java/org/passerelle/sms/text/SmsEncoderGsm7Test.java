package org.passerelle.sms.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SmsEncoderGsm7Test {

    private final SmsEncoder encoder = new SmsEncoder(false);

    @Test
    void oneHundredSixtyCharactersFitInOneSms() {
        EncodedSms sms = encoder.encode("a".repeat(160), 1);

        assertThat(sms.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(sms.units()).isEqualTo(160);
        assertThat(sms.segmentCount()).isEqualTo(1);
        assertThat(sms.concatenated()).isFalse();
        assertThat(sms.segments().get(0)).hasSize(160).containsOnly(0x61);
    }

    @Test
    void oneHundredSixtyOneCharactersNeedTwoParts() {
        EncodedSms sms = encoder.encode("a".repeat(161), 1);

        assertThat(sms.units()).isEqualTo(161);
        assertThat(sms.segmentCount()).isEqualTo(2);
        assertThat(sms.concatenated()).isTrue();
        assertThat(Segments.unitsOf(sms, 0)).isEqualTo(153);
        assertThat(Segments.unitsOf(sms, 1)).isEqualTo(8);
        assertThat(sms.segments().get(0)).hasSize(6 + 153);
    }

    @Test
    void twoFullPartsHold306Characters() {
        assertThat(encoder.encode("a".repeat(306), 1).segmentCount()).isEqualTo(2);
        EncodedSms three = encoder.encode("a".repeat(307), 1);
        assertThat(three.segmentCount()).isEqualTo(3);
        assertThat(Segments.unitsOf(three, 2)).isEqualTo(1);
    }

    @Test
    void anExtensionCharacterCostsTwoSeptets() {
        EncodedSms oneSms = encoder.encode("a".repeat(158) + "€", 1);
        assertThat(oneSms.units()).isEqualTo(160);
        assertThat(oneSms.segmentCount()).isEqualTo(1);

        EncodedSms twoSms = encoder.encode("a".repeat(159) + "€", 1);
        assertThat(twoSms.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(twoSms.units()).isEqualTo(161);
        assertThat(twoSms.segmentCount()).isEqualTo(2);
        assertThat(Segments.payloadOf(twoSms, 1)).containsExactly(0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x1B, 0x65);
    }

    @Test
    void anEscapePairAtAPartBoundaryMovesWholeToTheNextPart() {
        // septets 0..151 are 'a'; the pair would take septets 152 and 153, across the cut after 153.
        EncodedSms sms = encoder.encode("a".repeat(152) + "€" + "b".repeat(10), 1);

        assertThat(sms.units()).isEqualTo(164);
        assertThat(sms.segmentCount()).isEqualTo(2);
        assertThat(Segments.payloadOf(sms, 0)).hasSize(152).containsOnly(0x61);
        assertThat(Segments.payloadOf(sms, 1)).hasSize(12).startsWith(0x1B, 0x65);
        assertThat(Segments.decode(sms)).isEqualTo("a".repeat(152) + "€" + "b".repeat(10));
    }

    @Test
    void anEscapePairEndingExactlyAtTheBoundaryStaysInPlace() {
        EncodedSms sms = encoder.encode("a".repeat(151) + "€" + "b".repeat(10), 1);

        assertThat(Segments.payloadOf(sms, 0)).hasSize(153).endsWith(0x1B, 0x65);
        assertThat(Segments.payloadOf(sms, 1)).hasSize(10).containsOnly(0x62);
    }

    @Test
    void movingAnEscapePairCanCostAPart() {
        // 306 septets would fit in two full parts, but the pair cannot straddle the cut.
        String text = "a".repeat(152) + "€" + "b".repeat(152);
        EncodedSms sms = encoder.encode(text, 1);

        assertThat(sms.units()).isEqualTo(306);
        assertThat(sms.segmentCount()).isEqualTo(3);
        assertThat(encoder.segmentCount(text)).isEqualTo(3);
        assertThat(Segments.unitsOf(sms, 0)).isEqualTo(152);
        assertThat(Segments.unitsOf(sms, 1)).isEqualTo(153);
        assertThat(Segments.unitsOf(sms, 2)).isEqualTo(1);
    }

    @Test
    void aTextOfOnlyExtensionCharactersNeverSplitsAPair() {
        String text = "€".repeat(200);
        EncodedSms sms = encoder.encode(text, 1);

        assertThat(sms.units()).isEqualTo(400);
        for (int i = 0; i < sms.segmentCount(); i++) {
            byte[] payload = Segments.payloadOf(sms, i);
            assertThat(payload.length % 2).as("part %d", i + 1).isZero();
            assertThat(payload[0]).isEqualTo((byte) 0x1B);
        }
        assertThat(Segments.unitsOf(sms, 0)).isEqualTo(152);
        assertThat(Segments.decode(sms)).isEqualTo(text);
    }

    @Test
    void frenchTextInTheBasicSetStaysGsm7() {
        String text = "Rappel : RDV le mardi 3 mars à 14h30, hopital Pontchaillou. Réf Ç-ä";
        EncodedSms sms = encoder.encode(text, 1);

        assertThat(sms.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(sms.units()).isEqualTo(text.length());
        assertThat(Segments.decode(sms)).isEqualTo(text);
    }

    @Test
    void randomLongTextsDecodeBackAndRespectThePartLimit() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz éèàùÇÉ0123456789.,:;'\"-\n€[]{}\\^~|";
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(1200); i >= 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            EncodedSms sms = encoder.encode(text.toString(), round);

            assertThat(Segments.decode(sms)).isEqualTo(text.toString());
            assertThat(sms.units()).isEqualTo(GsmAlphabet.septetCount(text.toString()));
            assertThat(encoder.segmentCount(text.toString())).isEqualTo(sms.segmentCount());
            int limit = sms.concatenated() ? 153 : 160;
            for (int i = 0; i < sms.segmentCount(); i++) {
                assertThat(Segments.unitsOf(sms, i)).isBetween(1, limit);
                assertThat(Segments.payloadOf(sms, i)[Segments.unitsOf(sms, i) - 1]).isNotEqualTo((byte) 0x1B);
            }
        }
    }
}
