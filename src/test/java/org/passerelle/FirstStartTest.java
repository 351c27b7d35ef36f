package org.passerelle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * The first start of a freshly built jar: {@code java -jar target/passerelle-*.jar} with no profile and no
 * {@code spring.datasource.url} stops with one report that names both ways out (the {@code local} profile, or
 * PostgreSQL through the {@code postgres} profile and its environment variables), instead of Spring Boot's
 * generic "Failed to configure a DataSource". Each case starts the real application class, as
 * {@link ConfigurationValidationTest} does (which also proves the test profile still starts), and reads the
 * report from the console, where the user reads it.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTest {

    private static final String REPORT_TITLE = "APPLICATION FAILED TO START";

    @Test
    void noProfileAndNoDatabaseNamesBothWaysOut(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> start(new String[0]).close());

        assertThat(failure).as("a start without a database must fail").isNotNull();
        String report = failureReport(output);
        assertThat(report)
                .contains("Passerelle has no database: spring.datasource.url is not set (no profile is active)")
                .contains("--spring.profiles.active=local")
                .contains("--spring.profiles.active=postgres");
        for (String variable : postgresProfileVariables()) {
            assertThat(report).as("the report names %s, which application-postgres.yml reads", variable).contains(variable);
        }
        assertThat(report).as("Spring Boot's own DataSource analysis points the wrong way and is replaced")
                .doesNotContain("Failed to configure a DataSource")
                .doesNotContain("embedded database");
    }

    @Test
    void theReportIsShownOnceAndWithoutAStackTrace(CapturedOutput output) {
        catchThrowable(() -> start(new String[0]).close());

        String all = output.getAll();
        assertThat(occurrences(all, REPORT_TITLE)).as("one report").isEqualTo(1);
        assertThat(failureReport(output)).as("the report is text for a human, not a stack trace")
                .doesNotContain("\tat org.").doesNotContain("Caused by:");
    }

    @Test
    void aProfileThatSetsNoDatabaseGetsTheSameReport(CapturedOutput output) {
        catchThrowable(() -> start(new String[] {"hospital"}).close());

        assertThat(failureReport(output))
                .contains("spring.datasource.url is not set (active profiles: hospital)")
                .contains("--spring.profiles.active=local")
                .contains("--spring.profiles.active=postgres");
    }

    @Test
    void otherStartFailuresKeepTheirOwnReport(CapturedOutput output) {
        // a database is configured, the users are not: the report is about the users, not the database
        catchThrowable(() -> start(new String[0], "--spring.datasource.url=jdbc:h2:mem:first-start-" + UUID.randomUUID(),
                "--passerelle.privacy.phone-encryption-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "--passerelle.privacy.phone-hash-key=ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=",
                "--passerelle.payments.backend.url=http://127.0.0.1:9/terminal-backend").close());

        assertThat(failureReport(output)).contains("passerelle.security.users").doesNotContain("has no database");
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static ConfigurableApplicationContext start(String[] profiles, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server.port=0");
        all.add("--spring.main.banner-mode=off");
        return new SpringApplicationBuilder(PasserelleApplication.class).profiles(profiles).run(all.toArray(String[]::new));
    }

    /** The failure analysis Spring Boot printed: from its title to the end of the captured output. */
    private static String failureReport(CapturedOutput output) {
        String all = output.getAll();
        int start = all.indexOf(REPORT_TITLE);
        assertThat(start).as("a failure report was printed:%n%s", all).isNotNegative();
        return all.substring(start);
    }

    /** The environment variables application-postgres.yml reads for the datasource url, user and password. */
    private static List<String> postgresProfileVariables() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application-postgres.yml"));
        Properties properties = yaml.getObject();
        List<String> variables = new ArrayList<>();
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password")) {
            Matcher m = Pattern.compile("^\\$\\{([A-Z_]+)[:}]").matcher(properties.getProperty(key));
            assertThat(m.find()).as("%s is read from an environment variable", key).isTrue();
            variables.add(m.group(1));
        }
        assertThat(variables).containsExactly("PASSERELLE_DB_URL", "PASSERELLE_DB_USER", "PASSERELLE_DB_PASSWORD");
        return variables;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }
}
