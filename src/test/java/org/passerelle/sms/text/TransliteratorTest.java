package org.passerelle.sms.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransliteratorTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = 0, value = {
            "â|a", "ê|e", "î|i", "ô|o", "û|u", "ë|e", "ï|i", "ÿ|y", "ç|c",
            "Â|A", "Ê|E", "Î|I", "Ô|O", "Û|U", "Ë|E", "Ï|I", "Ÿ|Y", "È|E", "À|A", "Ù|U",
            "œ|oe", "Œ|OE",
            "\u2019|'", "\u2018|'", "\u201C|\"", "\u201D|\"", "«|\"", "»|\"",
            "\u2026|...", "\u2013|-", "\u2014|-", "\u2010|-", "\u2011|-", "°|o"})
    void replacesWithTheCloseGsm7Equivalent(String from, String to) {
        assertThat(Transliterator.toGsm(from)).isEqualTo(to);
        assertThat(GsmAlphabet.isEncodable(from)).as("needs replacing").isFalse();
    }

    @Test
    void frenchSpacesBecomePlainSpaces() {
        assertThat(Transliterator.toGsm("«\u00A0Bonjour\u202F!\u00A0»")).isEqualTo("\" Bonjour ! \"");
    }

    @Test
    void everyReplacementIsGsm7() {
        for (Map.Entry<Character, String> replacement : Transliterator.replacements().entrySet()) {
            assertThat(GsmAlphabet.isEncodable(replacement.getValue()))
                    .as("replacement of U+%04X", (int) replacement.getKey()).isTrue();
            assertThat(GsmAlphabet.isEncodable(String.valueOf(replacement.getKey())))
                    .as("U+%04X is replaced although GSM-7 has it", (int) replacement.getKey()).isFalse();
        }
    }

    @Test
    void keepsCharactersGsm7AlreadyHas() {
        String gsm = "é è ù à ì ò É Ç ä ö ü ñ æ Ä Ö Ü Å å Ø ø ß Æ € [ ] ' \" - ...";
        assertThat(Transliterator.toGsm(gsm)).isSameAs(gsm);
    }

    @Test
    void leavesCharactersWithoutASafeEquivalentForUcs2() {
        assertThat(Transliterator.toGsm("Ça va ? 😀 ĉ Ω")).isEqualTo("Ça va ? 😀 ĉ Ω");
        assertThat(Transliterator.toGsm("Noël à l’hôpital 😀")).isEqualTo("Noel à l'hopital 😀");
    }

    @Test
    void transliteratesARealisticReminder() {
        String text = "Votre RDV à l’hôpital Saint-Père, 2e étage… « Pôle mère-enfant », n°\u00A012 — août";
        assertThat(Transliterator.toGsm(text))
                .isEqualTo("Votre RDV à l'hopital Saint-Père, 2e étage... \" Pole mère-enfant \", no 12 - aout");
    }

    @Test
    void isIdempotent() {
        String once = Transliterator.toGsm("Œuvre d’art… «\u00A0fête\u00A0»");
        assertThat(Transliterator.toGsm(once)).isEqualTo(once).isEqualTo("OEuvre d'art... \" fete \"");
    }

    @Test
    void emptyStaysEmpty() {
        assertThat(Transliterator.toGsm("")).isEmpty();
    }
}
