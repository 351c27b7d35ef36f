package org.passerelle.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, uniquely named schema in the shared PostgreSQL test database, dropped afterwards.
 *
 * <p>Two ways to use it:
 * <ul>
 *   <li>as a JUnit 5 extension, one schema per test class:
 *   {@code @RegisterExtension static final PostgresTestDatabase db = PostgresTestDatabase.perClass("storage");}
 *   (created before the class's {@code @BeforeAll} methods, dropped after its {@code @AfterAll} methods, so
 *   applications started and closed there see it for their whole life);</li>
 *   <li>directly: {@code try (var db = PostgresTestDatabase.create("x")) { ... }}.</li>
 * </ul>
 * Point Spring at it with {@link #springArgs()} (command-line arguments, so they win over any profile's
 * {@code spring.datasource.*}): several application instances given the same arguments share one schema,
 * as replicas share one database in production; Flyway migrates it once and the others find it current.
 *
 * <p>PostgreSQL must be running: there is no silent skip. The server defaults to
 * {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres} with no password and can be changed with
 * the system properties {@code passerelle.test.pg.url|user|password} or the environment variables
 * {@code PASSERELLE_TEST_PG_URL|USER|PASSWORD}.
 */
public final class PostgresTestDatabase implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String DEFAULT_USER = "postgres";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String label;
    private volatile String schema;

    private PostgresTestDatabase(String label) {
        this.label = label;
    }

    /** A schema per test class, managed by JUnit: register it as a static {@code @RegisterExtension} field. */
    public static PostgresTestDatabase perClass(String label) {
        return new PostgresTestDatabase(label);
    }

    /**
     * A schema for a cached Spring test context, which outlives the test class: it cannot be dropped when
     * the class ends, so schemas this label left behind in earlier runs are dropped now instead.
     */
    public static PostgresTestDatabase forSpringContext(String label) {
        String prefix = newSchemaName(label).replaceAll("[0-9a-f]{10}$", "");
        try (Connection c = adminConnection(); Statement st = c.createStatement();
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "select nspname from pg_namespace where nspname like '" + prefix.replace("_", "\\_") + "%'")) {
            java.util.List<String> old = new java.util.ArrayList<>();
            while (rs.next()) {
                old.add(rs.getString(1));
            }
            for (String schema : old) {
                st.execute("drop schema if exists " + schema + " cascade");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + serverUrl() + " is not reachable: " + e.getMessage(), e);
        }
        return create(label);
    }

    /** Creates the schema now; the caller closes (drops) it. */
    public static PostgresTestDatabase create(String label) {
        PostgresTestDatabase db = new PostgresTestDatabase(label);
        db.createSchema();
        return db;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        createSchema();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The server URL without a schema, as configured. */
    public static String serverUrl() {
        return setting("passerelle.test.pg.url", "PASSERELLE_TEST_PG_URL", DEFAULT_URL);
    }

    public static String username() {
        return setting("passerelle.test.pg.user", "PASSERELLE_TEST_PG_USER", DEFAULT_USER);
    }

    public static String password() {
        return setting("passerelle.test.pg.password", "PASSERELLE_TEST_PG_PASSWORD", "");
    }

    /** The schema's name (lower case letters, digits and underscores only). */
    public String schema() {
        String s = schema;
        if (s == null) {
            throw new IllegalStateException("The test schema is not created yet: register PostgresTestDatabase.perClass(..) "
                    + "as a static @RegisterExtension field, or use PostgresTestDatabase.create(..)");
        }
        return s;
    }

    /** JDBC URL whose connections resolve unqualified names in this schema. */
    public String jdbcUrl() {
        String base = serverUrl();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema();
    }

    /** The Spring properties that point an application at this schema, Flyway included. */
    public Map<String, String> springProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", jdbcUrl());
        p.put("spring.datasource.username", username());
        p.put("spring.datasource.password", password());
        p.put("spring.flyway.schemas", schema());
        p.put("spring.flyway.default-schema", schema());
        return p;
    }

    /** {@link #springProperties()} as command-line arguments ({@code --key=value}), which outrank profile files. */
    public List<String> springArgs() {
        return springProperties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    /** A raw JDBC connection to this schema, outside any application (autocommit on). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), connectionProperties());
    }

    /** Drops the schema and everything in it; idempotent. */
    @Override
    public synchronized void close() {
        String s = schema;
        if (s == null) {
            return;
        }
        try (Connection c = adminConnection(); Statement st = c.createStatement()) {
            st.execute("drop schema if exists " + s + " cascade");
            schema = null;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test schema " + s + ": " + e.getMessage(), e);
        }
    }

    private synchronized void createSchema() {
        if (schema != null) {
            return;
        }
        String name = newSchemaName(label);
        try (Connection c = adminConnection(); Statement st = c.createStatement()) {
            st.execute("create schema " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test schema " + name + " in " + serverUrl() + ": " + e.getMessage(), e);
        }
        schema = name;
    }

    static String newSchemaName(String label) {
        String clean = label == null ? "" : label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.length() > 24) {
            clean = clean.substring(0, 24);
        }
        byte[] random = new byte[5];
        RANDOM.nextBytes(random);
        return "it_" + (clean.isEmpty() ? "" : clean + "_") + HexFormat.of().formatHex(random);
    }

    private static Connection adminConnection() {
        String url = serverUrl();
        try {
            return DriverManager.getConnection(url, connectionProperties());
        } catch (SQLException e) {
            throw new IllegalStateException("""
                    PostgreSQL is not reachable at %s as user '%s' (%s).
                    These tests need a running PostgreSQL and never skip: CI starts one before the build.
                    Locally: pg_ctlcluster --skip-systemctl-redirect <version> main start,
                    or point the tests elsewhere with PASSERELLE_TEST_PG_URL / _USER / _PASSWORD
                    (or -Dpasserelle.test.pg.url=... / .user / .password)."""
                    .formatted(url, username(), e.getMessage()), e);
        }
    }

    private static Properties connectionProperties() {
        Properties p = new Properties();
        p.setProperty("user", username());
        p.setProperty("password", password());
        p.setProperty("connectTimeout", "5");
        p.setProperty("loginTimeout", "5");
        return p;
    }

    private static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? fallback : v;
    }
}
