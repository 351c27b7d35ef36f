package org.passerelle.sms.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReminderTemplateTest {

    private static final ReminderFields FIELDS = new ReminderFields(
            "mardi 3 mars", "14h30", "CHU Pontchaillou", "2 rue Henri Le Guilloux, Rennes", "02 99 28 43 21", "A1B2C3");

    @Test
    void rendersEveryPlaceholder() {
        ReminderTemplate template = new ReminderTemplate("{date}|{heure}|{site}|{adresse}|{rappel}|{reference}");

        assertThat(template.render(FIELDS)).isEqualTo(
                "mardi 3 mars|14h30|CHU Pontchaillou|2 rue Henri Le Guilloux, Rennes|02 99 28 43 21|A1B2C3");
    }

    @Test
    void rendersTheDefaultTemplate() {
        assertThat(new ReminderTemplate(ReminderTemplate.DEFAULT_TEMPLATE).render(FIELDS)).isEqualTo(
                "Rappel : RDV le mardi 3 mars à 14h30, CHU Pontchaillou, 2 rue Henri Le Guilloux, Rennes."
                        + " Pour annuler ou déplacer : 02 99 28 43 21. Réf A1B2C3");
    }

    @Test
    void aPlaceholderMayAppearTwiceOrNotAtAll() {
        ReminderTemplate template = new ReminderTemplate("{site} {heure}, {site}");

        assertThat(template.render(new ReminderFields(null, "9h05", "Site B", null, null, null)))
                .isEqualTo("Site B 9h05, Site B");
    }

    @Test
    void aTemplateWithoutPlaceholdersIsAllowed() {
        assertThat(new ReminderTemplate("Pensez à votre RDV.").render(FIELDS)).isEqualTo("Pensez à votre RDV.");
    }

    @Test
    void valuesAreNeverReadAsPlaceholders() {
        ReminderFields tricky = new ReminderFields("{site}", "14h30", "$1 \\ {reference}", "x", "y", "z");

        assertThat(new ReminderTemplate("{date} {site}").render(tricky)).isEqualTo("{site} $1 \\ {reference}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t"})
    void refusesABlankTemplate(String blank) {
        assertThatThrownBy(() -> new ReminderTemplate(blank))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }

    @Test
    void refusesANullTemplate() {
        assertThatThrownBy(() -> new ReminderTemplate(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"service", "specialite", "diagnostic", "nom", "Date", "date ", "heure_fin"})
    void refusesAnUnknownPlaceholderNamingItAndTheAllowedOnes(String name) {
        assertThatThrownBy(() -> new ReminderTemplate("RDV le {date} en {" + name + "}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown placeholder {" + name + "}")
                .hasMessageContaining("{date}, {heure}, {site}, {adresse}, {rappel}, {reference}");
    }

    @Test
    void refusesAnEmptyPlaceholder() {
        assertThatThrownBy(() -> new ReminderTemplate("RDV {}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown placeholder {}");
    }

    @Test
    void refusesAnOpeningBraceThatIsNeverClosed() {
        assertThatThrownBy(() -> new ReminderTemplate("RDV le {date"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unbalanced braces").hasMessageContaining("index 7").hasMessageContaining("never closed");
    }

    @Test
    void refusesAClosingBraceThatClosesNothing() {
        assertThatThrownBy(() -> new ReminderTemplate("RDV le date} {heure}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unbalanced braces").hasMessageContaining("index 11");
        assertThatThrownBy(() -> new ReminderTemplate("{date}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 6");
    }

    @Test
    void refusesNestedBraces() {
        assertThatThrownBy(() -> new ReminderTemplate("RDV {da{heure}te}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unbalanced braces").hasMessageContaining("index 4");
    }

    @Test
    void refusesToRenderAPlaceholderWithoutAValue() {
        ReminderTemplate template = new ReminderTemplate("RDV le {date} à {heure}");

        assertThatThrownBy(() -> template.render(new ReminderFields("mardi 3 mars", null, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no value for {heure}");
        assertThatThrownBy(() -> template.render(new ReminderFields(" ", "14h30", null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no value for {date}");
    }

    @Test
    void keepsTheTemplateText() {
        assertThat(new ReminderTemplate("RDV {date}").template()).isEqualTo("RDV {date}");
    }

    @Test
    void reminderFieldsHaveNoPlaceForHealthData() {
        assertThat(Arrays.stream(ReminderFields.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("date", "time", "siteLabel", "siteAddress", "callbackPhone", "reference");
    }
}
