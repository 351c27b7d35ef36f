package org.passerelle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.config.ConfigurationDocumentationCheck;
import org.passerelle.testsupport.config.ConfigurationPropertiesInventory;
import org.passerelle.testsupport.config.FrameworkProperties;
import org.passerelle.testsupport.config.ReadmeConfigurationTable;
import org.passerelle.testsupport.config.ReadmeConfigurationTable.Entry;
import org.passerelle.testsupport.config.SettingsInFiles;

/**
 * The README's configuration table names every setting that exists and nothing that does not. What exists:
 * the properties of every {@code @ConfigurationProperties} class under {@code org.passerelle} (found by
 * classpath scanning, walked by reflection), the {@code passerelle.*} keys of src/main/resources/*.yml and
 * of the routes' placeholders, and the environment variables the YAML files read. The cell notation is
 * described in the README above the table and in {@link ReadmeConfigurationTable}.
 */
class ConfigurationTableTest {

    private static final String HEADING = "## Configuration";

    private final ConfigurationDocumentationCheck check = new ConfigurationDocumentationCheck(
            new ConfigurationPropertiesInventory("org.passerelle").properties(),
            new SettingsInFiles(SettingsInFiles.filesIn(Path.of("src/main/resources"), ".yml"),
                    SettingsInFiles.filesIn(Path.of("routes"), ".yaml")),
            FrameworkProperties.names());

    @Test
    void theReadmeNamesEverySettingThatExists() throws IOException {
        List<String> notNamed = check.notNamed(readmeEntries());
        assertThat(notNamed).as("settings that exist but README.md's '%s' table does not name:%n  %s%n",
                HEADING, String.join("\n  ", notNamed)).isEmpty();
    }

    @Test
    void theReadmeNamesNoSettingThatDoesNotExist() throws IOException {
        List<String> namingNothing = check.namingNothing(readmeEntries());
        assertThat(namingNothing).as("names in README.md's '%s' table for which no setting exists:%n  %s%n",
                HEADING, String.join("\n  ", namingNothing)).isEmpty();
    }

    @Test
    void aTableMissingASettingOrNamingAnUnknownOneIsCaught() {
        String table = """
                ## Configuration

                | property | default | meaning |
                |---|---|---|
                | `passerelle.hl7.port` / `start-field` / `no-such-field` | | |
                | `passerelle.channels.breakers.{sms,payments}.*` | | |
                | `passerelle.reminders.lead.*` | | |
                | `spring.datasource.url`, `spring.no-such-thing`, `PASSERELLE_DB_URL`, `PASSERELLE_NOWHERE` | | |
                """;
        List<Entry> entries = ReadmeConfigurationTable.entries(table, HEADING);

        assertThat(entries).extracting(e -> e.name().text()).contains(
                "passerelle.hl7.start-field", "passerelle.channels.breakers.sms.*", "passerelle.channels.breakers.payments.*");
        assertThat(String.join("\n", check.namingNothing(entries)))
                .contains("passerelle.hl7.no-such-field  (no such property)")
                .contains("passerelle.reminders.lead.*  ('.*' is for a nested group")
                .contains("spring.no-such-thing  (no framework declares")
                .contains("PASSERELLE_NOWHERE  (no configuration file reads")
                .doesNotContain("passerelle.hl7.start-field ")
                .doesNotContain("breakers.sms.*")
                .doesNotContain("spring.datasource.url ")
                .doesNotContain("PASSERELLE_DB_URL ");
        assertThat(String.join("\n", check.notNamed(entries)))
                .contains("passerelle.reminders.send-from  (ReminderProperties)")
                .contains("passerelle.security.users[i].password  (SecurityProperties)")
                .contains("passerelle.sites.<key>.label  (SiteProperties)")
                .contains("PASSERELLE_DB_PASSWORD")
                .doesNotContain("passerelle.hl7.port ")
                .doesNotContain("passerelle.channels.breakers.<key>.slow-call-duration");
    }

    private static List<Entry> readmeEntries() throws IOException {
        return ReadmeConfigurationTable.entries(Files.readString(Path.of("README.md")), HEADING);
    }
}
