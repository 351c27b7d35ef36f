package org.passerelle.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Card numbers are spotted whatever separates their digits; property style: many generated PANs (valid
 * Luhn, 13-19 digits) cut into random groups by random runs of non-alphanumeric characters, inside random
 * surrounding text. Seeds are fixed so a failure is reproducible (the seed is in the test name).
 */
class CardNumbersTest {

    private static final String SEPARATORS = " .-/_:#=^*+,;|\\~()[]{}'\"!?&%$@<>\t\u00a0\u2007\u2013\u200b";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "FAC-2026-0042 | false", "FAC-2026-004211 | false", "IPP 00123456 | false", "Caisse 2 | false",
            "1234567890123 | false", "4970101234567899 | false", "497010******7893 | false",
            "4970101234567893 | true", "4970 1012 3456 7893 | true", "REF 4970-1012-3456-7893 | true",
            "4970.1012.3456.7893 | true", "FAC 4970/1012/3456/7893 X | true", "4970_1012:3456#7893 | true",
            "4970 .-/1012__3456 # 7893 | true", "4111111111111111=2812101123 | true", "%B4111111111111111^DOE/J^2812 | true",
            "12 4970101234567893 | true", "ticket 2026-04 4970 1012 3456 7893 | true",
            "４９７０１０１２３４５６７８９３ | true", "378282246310005 | true", "6011 0009 9013 9424 | true"})
    void examples(String text, boolean pan) {
        assertThat(CardNumbers.containsPan(text)).as(text).isEqualTo(pan);
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 25).mapToObj(i -> 8_000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyGeneratedPanIsRefusedWhateverSeparatesItsDigits(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 400; i++) {
            String pan = pan(random, 13 + random.nextInt(7));
            String written = prefix(random) + withSeparators(random, pan) + suffix(random);
            assertThat(CardNumbers.containsPan(written)).as("%s (PAN %s)", written, pan).isTrue();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aNumberFailingLuhnOrTooShortOrSplitByLettersPasses(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 400; i++) {
            String pan = pan(random, 13 + random.nextInt(7));
            String wrongCheckDigit = pan.substring(0, pan.length() - 1) + (char) ('0' + (pan.charAt(pan.length() - 1) - '0' + 1 + random.nextInt(9)) % 10);
            assertThat(CardNumbers.containsPan("FAC " + wrongCheckDigit + " X"))
                    .as(wrongCheckDigit).isFalse();
            String tooShort = pan(random, 12);
            assertThat(CardNumbers.containsPan("REF " + withSeparators(random, tooShort))).as(tooShort).isFalse();
            String cutByLetters = pan.substring(0, pan.length() / 2) + "FAC" + pan.substring(pan.length() / 2);
            assertThat(CardNumbers.containsPan(cutByLetters)).as("a letter ends a sequence: " + cutByLetters).isFalse();
        }
    }

    @Test
    void hospitalReferencesOfUpToTwelveDigitsAlwaysPass() {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            String ref = "FAC-" + (2000 + random.nextInt(100)) + "-" + String.format("%06d", random.nextInt(1_000_000));
            assertThat(CardNumbers.containsPan(ref)).as(ref).isFalse();
        }
    }

    @Test
    void nothingIsNotACardNumber() {
        assertThat(CardNumbers.containsPan(null)).isFalse();
        assertThat(CardNumbers.containsPan("")).isFalse();
        assertThat(CardNumbers.containsPan("0".repeat(500).replace("00", "0 "))).as("a Luhn-valid run of zeros is taken").isTrue();
    }

    /** A PAN of {@code length} digits with a valid Luhn check digit; starts with 2-6 like real schemes. */
    static String pan(Random random, int length) {
        StringBuilder digits = new StringBuilder().append(2 + random.nextInt(5));
        while (digits.length() < length - 1) {
            digits.append(random.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            if (CardNumbers.luhn(digits.toString() + check)) {
                return digits.append(check).toString();
            }
        }
        throw new AssertionError("no check digit");
    }

    private static String withSeparators(Random random, String digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            out.append(digits.charAt(i));
            if (i < digits.length() - 1 && random.nextInt(4) == 0) {
                int run = 1 + random.nextInt(3);
                for (int k = 0; k < run; k++) {
                    out.append(SEPARATORS.charAt(random.nextInt(SEPARATORS.length())));
                }
            }
        }
        return out.toString();
    }

    private static String prefix(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> "FAC ";
            case 2 -> "ref: ";
            default -> "IPP 00123 / ";
        };
    }

    private static String suffix(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> " X";
            case 2 -> " (patient)";
            default -> "/2026";
        };
    }
}
