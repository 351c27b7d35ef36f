package org.passerelle.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.AppointmentBody.appointment;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.passerelle.privacy.Digests;
import org.passerelle.privacy.PhoneProtection;
import org.passerelle.privacy.PrivacyProperties;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.BoundProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rows written before V5 (an unkeyed content_hash, values without a key id) are migrated, and a replay of the
 * same appointment afterwards is still "unchanged": no new version, no second reminder, the number still read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UpgradeKeepsReplaysUnchangedTest {

    private static final String URL = "jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    /** application-test.yml's keys: the single keys, so key k1. */
    private static final PhoneProtection K1 = new PhoneProtection(BoundProperties.bind(PrivacyProperties.class, Map.of(
            "phone-encryption-key", "Q9JB1oPrC/iVki9KXuT2hhzaadKPXGZoc4PWIRAa9tU=",
            "phone-hash-key", "I07MFzn7YphWosG7lp0nttjHn6e0dMapSHtk8q7ufpY=")));
    private static final Instant START = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);

    @DynamicPropertySource
    static void databaseAsBeforeTheUpgrade(DynamicPropertyRegistry registry) throws SQLException {
        Flyway.configure().dataSource(URL, "sa", "")
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .target(MigrationVersion.fromVersion("4.1")).load().migrate();
        try (Connection c = DriverManager.getConnection(URL, "sa", "")) {
            legacyAppointment(c, "OLD-PENDING", "+33611223344", "PENDING");
            legacyAppointment(c, "OLD-SENT", "+33611223355", "DELIVERED");
            try (PreparedStatement st = c.prepareStatement("insert into sms_opt_out (phone_hash, opted_out_at) values (?, ?)")) {
                st.setString(1, legacy(K1.hash("+33611223366")));
                st.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                st.executeUpdate();
            }
        }
        registry.add("spring.datasource.url", () -> URL);
    }

    /** As V3 stored it: content_hash unkeyed over the number as typed, values without a key id. */
    private static void legacyAppointment(Connection c, String id, String e164, String reminderStatus) throws SQLException {
        OffsetDateTime start = START.atOffset(ZoneOffset.UTC);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement st = c.prepareStatement("""
                insert into appointment (id, source, status, start_at, time_zone, site_code, sms_consent, phone_enc, phone_hash,
                    phone_status, content_hash, version, created_at, updated_at, purge_after)
                values (?, 'REST', 'BOOKED', ?, 'Europe/Paris', 'PONTCHAILLOU', true, ?, ?, 'OK', ?, 0, ?, ?, ?)""")) {
            st.setString(1, id);
            st.setObject(2, start);
            st.setString(3, legacy(K1.encrypt(e164)));
            st.setString(4, legacy(K1.hash(e164)));
            st.setString(5, Digests.sha256Hex(String.join("\u0000", id, e164, START.toString(), "Europe/Paris", "PONTCHAILLOU", "true")));
            st.setObject(6, now);
            st.setObject(7, now);
            st.setObject(8, start.plusDays(7));
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("""
                insert into reminder (appointment_id, seq, status, due_at, expires_at, next_attempt_at, attempts, ambiguous_sends,
                    updated_at) values (?, 1, ?, ?, ?, ?, 0, 0, ?)""")) {
            st.setString(1, id);
            st.setString(2, reminderStatus);
            st.setObject(3, start.minusHours(48));
            st.setObject(4, start.minusHours(3));
            st.setObject(5, start.minusHours(48));
            st.setObject(6, now);
            st.executeUpdate();
        }
    }

    private static String legacy(String keyed) {
        return keyed.substring("k1:".length());
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aReplayAfterTheUpgradeIsUnchangedAndGetsNoSecondReminder() {
        Api api = Api.onPort(port);
        api.as(OPS).post("/api/channels/sms/suspend", "{\"reason\":\"upgrade test\"}");
        assertThat(jdbc.sql("select phone_hash from appointment where id = 'OLD-PENDING'").query(String.class).single())
                .as("V5 names the key of values stored before it").startsWith("k1:");

        for (String id : new String[] {"OLD-PENDING", "OLD-SENT"}) {
            String number = id.equals("OLD-PENDING") ? "06 11 22 33 44" : "0611223355";
            var replay = api.as(SCHEDULER).put("/api/appointments/" + id, appointment(number, START, "PONTCHAILLOU"));
            assertThat(replay.status()).as(id).isEqualTo(200);
            assertThat(jdbc.sql("select version from appointment where id = :id").param("id", id).query(Long.class).single())
                    .as(id + " unchanged: not rewritten").isZero();
            assertThat(jdbc.sql("select count(*) from reminder where appointment_id = :id").param("id", id).query(Long.class).single())
                    .as(id + ": still one reminder").isEqualTo(1);
            assertThat(replay.body()).as("the number stored before the upgrade is still read").contains("+33•••••••");
        }
        assertThat(jdbc.sql("select status from reminder where appointment_id = 'OLD-SENT'").query(String.class).single())
                .isEqualTo("DELIVERED");

        assertThat(api.as(SCHEDULER).put("/api/appointments/NEW-OPTED", appointment("06 11 22 33 66", START, "PONTCHAILLOU"))
                .body()).as("an opt-out stored before the upgrade still holds").contains("OPTED_OUT");
    }
}
