package org.passerelle;

import java.util.Arrays;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Turns "no database configured" into one message that names the two ways out.
 *
 * <p>{@code application.yml} sets {@code spring.datasource.embedded-database-connection: none}, so a start
 * without {@code spring.datasource.url} (no profile, or a profile that sets none) fails instead of running on a
 * throwaway in-memory H2. Spring Boot's own analysis of that failure ("Failed to configure a DataSource ... put
 * an embedded database on the classpath") points the wrong way for Passerelle. This analyzer runs before it
 * (highest precedence, registered in {@code META-INF/spring.factories}) and only for that failure: the cause
 * chain holds the bean creation failure raised by {@link DataSourceProperties} and the environment has no
 * {@code spring.datasource.url}. Every other failure keeps its usual report.
 */
class NoDatabaseFailureAnalyzer implements FailureAnalyzer, Ordered {

    private final Environment environment;

    NoDatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        if (environment == null || StringUtils.hasText(environment.getProperty("spring.datasource.url"))
                || !causedByMissingDataSourceUrl(failure)) {
            return null;
        }
        return new FailureAnalysis(description(), ACTION, failure);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private static boolean causedByMissingDataSourceUrl(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // DataSourceProperties.DataSourceBeanCreationException is not public: recognised by its enclosing class
            if (t instanceof BeanCreationException && t.getClass().getEnclosingClass() == DataSourceProperties.class) {
                return true;
            }
        }
        return false;
    }

    private String description() {
        String[] profiles = environment.getActiveProfiles();
        String active = profiles.length == 0 ? "no profile is active" : "active profiles: " + String.join(", ", Arrays.asList(profiles));
        return "Passerelle has no database: spring.datasource.url is not set (" + active + ").\n"
                + "The kill switches, their audit, the appointments and the payment journal live in the database,\n"
                + "so Passerelle does not start without one (it never falls back to a throwaway in-memory database).";
    }

    static final String ACTION = """
            Start it one of two ways:

              1. On a laptop, the embedded default (H2 file database under ./data, demo users, sandbox SMSC and
                 terminal backend):
                     java -jar target/passerelle-*.jar --spring.profiles.active=local
                     (or: mvn spring-boot:run -Dspring-boot.run.profiles=local)

              2. With PostgreSQL: set the environment variables
                     PASSERELLE_DB_URL       e.g. jdbc:postgresql://db.example:5432/passerelle
                                             (default jdbc:postgresql://localhost:5432/passerelle)
                     PASSERELLE_DB_USER      (default passerelle)
                     PASSERELLE_DB_PASSWORD
                 and start with --spring.profiles.active=postgres
                 (or set spring.datasource.url, spring.datasource.username and spring.datasource.password yourself).

            Outside the local profile Passerelle also needs passerelle.security.users (hashed passwords),
            passerelle.privacy.phone-encryption-key, passerelle.privacy.phone-hash-key and
            passerelle.payments.backend.url: see "Configuration" in the README.""";
}
