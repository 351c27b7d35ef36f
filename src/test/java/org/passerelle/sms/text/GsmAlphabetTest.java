package org.passerelle.sms.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GsmAlphabetTest {

    @ParameterizedTest(name = "{0} is in the GSM-7 basic set")
    @ValueSource(strings = {"é", "è", "ù", "à", "ì", "ò", "É", "Ç", "ä", "ö", "ü", "ñ", "æ",
            "Ä", "Ö", "Ü", "Å", "å", "Ø", "ø", "ß", "Æ", "Ñ"})
    void frenchCharactersInTheBasicSetCostOneSeptet(String c) {
        assertThat(GsmAlphabet.isEncodable(c)).isTrue();
        assertThat(GsmAlphabet.septetCount(c)).isEqualTo(1);
        assertThat(GsmAlphabet.toUnpackedSeptets(c)).hasSize(1);
    }

    @ParameterizedTest(name = "{0} is not in GSM-7")
    @ValueSource(strings = {"â", "ê", "î", "ô", "û", "ë", "ï", "ÿ", "ç", "œ", "Œ",
            "È", "À", "Ù", "Â", "Ê", "Î", "Ô", "Û", "Ë", "Ï", "Ÿ", "Ì", "Ò",
            "\u2019", "\u2018", "«", "»", "\u2026", "\u2013", "\u2014", "\u00A0", "\u202F", "°", "`"})
    void frenchCharactersOutsideGsm7AreNotEncodable(String c) {
        assertThat(GsmAlphabet.isEncodable(c)).isFalse();
        assertThat(GsmAlphabet.isEncodable("Bonjour " + c + " !")).isFalse();
    }

    @Test
    void lowercaseCedillaIsNotSilentlyMappedToTheUppercaseOne() {
        assertThat(GsmAlphabet.toUnpackedSeptets("Ç")).containsExactly(0x09);
        assertThat(GsmAlphabet.isEncodable("ç")).isFalse();
        assertThatThrownBy(() -> GsmAlphabet.toUnpackedSeptets("garçon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+00E7").hasMessageContaining("index 3");
    }

    @ParameterizedTest(name = "{0} is extension code 0x{1}")
    @CsvSource(delimiter = ';', value = {"€;65", "[;3C", "];3E", "{;28", "};29", "\\;2F", "^;14", "~;3D", "|;40"})
    void extensionCharactersAreAnEscapePairAndCostTwo(String c, String hexCode) {
        assertThat(GsmAlphabet.isEncodable(c)).isTrue();
        assertThat(GsmAlphabet.septetCount(c)).isEqualTo(2);
        assertThat(GsmAlphabet.toUnpackedSeptets(c)).containsExactly(0x1B, Integer.parseInt(hexCode, 16));
    }

    @Test
    void formFeedIsInTheExtensionTable() {
        assertThat(GsmAlphabet.toUnpackedSeptets("\f")).containsExactly(0x1B, 0x0A);
    }

    @Test
    void lineBreaksAreBasicCharacters() {
        assertThat(GsmAlphabet.toUnpackedSeptets("\n\r")).containsExactly(0x0A, 0x0D);
    }

    @Test
    void theEscapeCharacterItselfIsNotText() {
        assertThat(GsmAlphabet.isEncodable("\u001B")).isFalse();
    }

    @Test
    void knownPositionsOfTheBasicTable() {
        assertThat(GsmAlphabet.toUnpackedSeptets("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ ¤¡ÄÖÑÜ§¿äöñüà"))
                .containsExactly(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0B, 0x0C, 0x0E, 0x0F,
                        0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1C, 0x1D, 0x1E, 0x1F,
                        0x20, 0x24, 0x40, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F, 0x60, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F);
    }

    @Test
    void asciiLettersDigitsAndCommonPunctuationKeepTheirAsciiCodes() {
        String ascii = "AZaz09 !\"#%&'()*+,-./:;<=>?";
        byte[] septets = GsmAlphabet.toUnpackedSeptets(ascii);
        for (int i = 0; i < ascii.length(); i++) {
            assertThat(septets[i]).as("septet of %s", ascii.charAt(i)).isEqualTo((byte) ascii.charAt(i));
        }
    }

    @Test
    void asciiCharactersThatAreNotInGsm7() {
        // '$' and '@' are in, but at other positions; these have no place at all.
        assertThat(GsmAlphabet.isEncodable("`")).isFalse();
        assertThat(GsmAlphabet.toUnpackedSeptets("@$")).containsExactly(0x00, 0x02);
    }

    @Test
    void septetCountAddsOneForEveryExtensionCharacter() {
        assertThat(GsmAlphabet.septetCount("")).isZero();
        assertThat(GsmAlphabet.septetCount("Prix : 10 €")).isEqualTo(12);
        assertThat(GsmAlphabet.septetCount("[a]{b}")).isEqualTo(10);
    }

    @Test
    void septetCountRefusesTextOutsideTheAlphabet() {
        assertThatThrownBy(() -> GsmAlphabet.septetCount("l’hôpital"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+2019").hasMessageContaining("index 1");
    }

    @Test
    void mixedTextEncodesToTheExpectedSeptets() {
        assertThat(GsmAlphabet.toUnpackedSeptets("é€a")).containsExactly(0x05, 0x1B, 0x65, 0x61);
    }

    @Test
    void roundTripsEveryCharacterOfBothTables() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            if (GsmAlphabet.isEncodable(String.valueOf((char) c))) {
                all.append((char) c);
            }
        }
        String text = all.toString();
        assertThat(text).hasSize(127 + 10);
        assertThat(GsmAlphabet.fromUnpackedSeptets(GsmAlphabet.toUnpackedSeptets(text))).isEqualTo(text);
    }

    @Test
    void roundTripsFrenchText() {
        String text = "Rendez-vous à l'hopital : Réf [A12] {é è ù à} 5€ ~ ^ | \\";
        assertThat(GsmAlphabet.fromUnpackedSeptets(GsmAlphabet.toUnpackedSeptets(text))).isEqualTo(text);
    }

    @Test
    void decodingAnUndefinedExtensionCodeShowsTheBasicCharacter() {
        assertThat(GsmAlphabet.fromUnpackedSeptets(new byte[] {0x1B, 0x41})).isEqualTo("A");
    }

    @Test
    void decodingALoneOrDoubleEscapeShowsASpace() {
        assertThat(GsmAlphabet.fromUnpackedSeptets(new byte[] {0x41, 0x1B})).isEqualTo("A ");
        assertThat(GsmAlphabet.fromUnpackedSeptets(new byte[] {0x1B, 0x1B, 0x41})).isEqualTo(" A");
    }

    @Test
    void decodingRefusesBytesAbove0x7F() {
        assertThatThrownBy(() -> GsmAlphabet.fromUnpackedSeptets(new byte[] {0x41, (byte) 0x80}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x80").hasMessageContaining("index 1");
    }

    @Test
    void decodingNothingGivesNothing() {
        assertThat(GsmAlphabet.fromUnpackedSeptets(new byte[0])).isEmpty();
    }
}
