package org.passerelle.sms.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SenderIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"CHURennes", "CHU35", "A", "ABCDEFGHIJK", "chu2rennes", "1A"})
    void acceptsOneToElevenLettersAndDigitsWithAtLeastOneLetter(String senderId) {
        assertThat(SenderId.validate(senderId)).isEqualTo(senderId);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesAMissingSenderId(String senderId) {
        assertThatThrownBy(() -> SenderId.validate(senderId))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCDEFGHIJKL", "CHUdeRennes1"})
    void refusesMoreThanElevenCharacters(String senderId) {
        assertThatThrownBy(() -> SenderId.validate(senderId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 characters").hasMessageContaining("at most 11");
    }

    @ParameterizedTest(name = "\"{0}\" has a forbidden character at {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "CHU Rennes|4", "CHU-Rennes|4", "CHU_Rennes|4", "CHU.Rennes|4", "Hôpital|2", "CHUé|4",
            "\" CHU\"|1", "CHU&Co|4", "Ｃhu|1"})
    void refusesSpacesPunctuationAndAccents(String senderId, int position) {
        assertThatThrownBy(() -> SenderId.validate(senderId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only ASCII letters and digits")
                .hasMessageContaining("position " + position);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0299284321", "33612345678", "1"})
    void refusesAllDigitsBecauseNumericSendersAreNotAcceptedHere(String senderId) {
        assertThatThrownBy(() -> SenderId.validate(senderId))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+33612345678", "+3361234"})
    void refusesInternationalNumbers(String senderId) {
        assertThatThrownBy(() -> SenderId.validate(senderId)).isInstanceOf(IllegalArgumentException.class);
    }
}
