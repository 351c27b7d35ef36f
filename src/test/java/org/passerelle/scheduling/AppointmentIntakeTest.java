package org.passerelle.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.AppointmentBody.appointment;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.Api;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** REST intake: validation, idempotency, rescheduling, the scheduling kill switch, privacy at rest and purge. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "passerelle.reminders.send-from=00:00", "passerelle.reminders.send-until=23:59:59",
        "passerelle.privacy.purge-after=0s", "passerelle.sms.housekeeping-interval=300ms",
        "passerelle.channels.suspend-drain-timeout=0s"})
@ActiveProfiles("test")
@DirtiesContext
class AppointmentIntakeTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AppointmentIntake intake;

    private Api api;

    @BeforeEach
    void setUp() {
        api = Api.onPort(port);
        // keep reminders pending: this test is about intake, not sending
        api.as(OPS).post("/api/channels/sms/suspend", "{\"reason\":\"intake test\"}");
    }

    @AfterEach
    void tearDown() {
        api.as(OPS).post("/api/channels/scheduling/resume", "{\"reason\":\"intake test over\"}");
    }

    private static Instant inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    }

    @Test
    void samePutTwiceChangesNothingAndARescheduleMovesThePendingReminder() {
        Instant start = inDays(5);
        assertThat(api.as(SCHEDULER).put("/api/appointments/INT-1", appointment("06 11 22 33 44", start, "PONTCHAILLOU")).status()).isEqualTo(201);
        String first = api.as(SCHEDULER).get("/api/appointments/INT-1").body();
        assertThat(api.as(SCHEDULER).put("/api/appointments/INT-1", appointment("06 11 22 33 44", start, "PONTCHAILLOU")).status()).isEqualTo(200);
        assertThat(api.as(SCHEDULER).get("/api/appointments/INT-1").body()).isEqualTo(first);
        assertThat(jdbc.sql("select version from appointment where id = 'INT-1'").query(Long.class).single()).isZero();

        Instant later = inDays(8);
        assertThat(api.as(SCHEDULER).put("/api/appointments/INT-1", appointment("06 11 22 33 44", later, "PONTCHAILLOU")).status()).isEqualTo(200);
        List<Map<String, Object>> reminders = jdbc.sql("select seq, status, due_at from reminder where appointment_id = 'INT-1'")
                .query().listOfRows();
        assertThat(reminders).hasSize(1);
        assertThat(reminders.get(0).get("STATUS")).isEqualTo("PENDING");
        assertThat(api.as(SCHEDULER).get("/api/appointments/INT-1").body()).contains("\"dueAt\":\"" + later.minus(48, ChronoUnit.HOURS));
    }

    @Test
    void badInputGetsAProblemAndNothingIsStored() {
        long before = jdbc.sql("select count(*) from appointment").query(Long.class).single();
        assertThat(api.as(SCHEDULER).put("/api/appointments/BAD-1", "{\"patientPhone\":\"0611223344\",\"siteCode\":\"PONTCHAILLOU\"}").body())
                .contains("\"field\":\"start\"");
        assertThat(api.as(SCHEDULER).put("/api/appointments/BAD-2", "{\"start\":\"2026-13-45T99:00:00Z\",\"siteCode\":\"PONTCHAILLOU\"}").status())
                .isEqualTo(400);
        var unknownSite = api.as(SCHEDULER).put("/api/appointments/BAD-3", appointment("0611223344", inDays(3), "NOWHERE"));
        assertThat(unknownSite.status()).isEqualTo(400);
        assertThat(unknownSite.body()).contains("Unknown site code 'NOWHERE'", "PONTCHAILLOU");
        assertThat(api.as(SCHEDULER).put("/api/appointments/BAD-4", "{\"start\":\"" + inDays(3) + "\",\"siteCode\":\"PONTCHAILLOU\",\"timeZone\":\"Mars/Olympus\"}")
                .body()).contains("timeZone");
        assertThat(api.as(SCHEDULER).put("/api/appointments/BAD-5", "{\"patientPhone\":\"<script>\",\"start\":\"" + inDays(3) + "\",\"siteCode\":\"PONTCHAILLOU\"}")
                .status()).isEqualTo(400);
        assertThat(api.as(SCHEDULER).put("/api/appointments/bad%20id%20with%20spaces", appointment("0611223344", inDays(3), "PONTCHAILLOU")).status()).isEqualTo(400);
        assertThat(api.as(SCHEDULER).put("/api/appointments/BAD-6", "{not json").status()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from appointment").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void restHoldsIdsToTheOneRuleThatHl7HoldsThemToo() {
        for (String bad : List.of("RDV-%C3%A9t%C3%A9", "R".repeat(65), "RDV%201", "%2E%2E")) {
            var refused = api.as(SCHEDULER).put("/api/appointments/" + bad, appointment("0611223344", inDays(3), "PONTCHAILLOU"));
            assertThat(refused.status()).as(bad).isEqualTo(400);
        }
        assertThat(api.as(SCHEDULER).put("/api/appointments/a.b_C-9", appointment("0611223344", inDays(3), "PONTCHAILLOU")).status())
                .isEqualTo(201);
        assertThat(AppointmentId.isValid("R".repeat(64))).isTrue();
        assertThat(List.of("../../etc/passwd", "..", ".", "", "RDV-\u00e9", "R".repeat(10_000), "a/b", "a\u0000b"))
                .noneMatch(AppointmentId::isValid);
        var direct = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidAppointmentException.class,
                () -> intake.upsert(new AppointmentCommand("../../etc/passwd", AppointmentCommand.IntakeSource.HL7, null,
                        inDays(3).atZone(java.time.ZoneId.of("Europe/Paris")), "PONTCHAILLOU", true)));
        assertThat(direct.field()).as("the intake itself holds the rule, whoever calls it").isEqualTo("id");
        assertThat(jdbc.sql("select count(*) from appointment where id like '%passwd%'").query(Long.class).single()).isZero();
    }

    @Test
    void suspendedSchedulingRefusesWith503AndKeepsWhatWasAccepted() {
        assertThat(api.as(SCHEDULER).put("/api/appointments/SUSP-1", appointment("06 11 22 33 55", inDays(4), "PONTCHAILLOU")).status()).isEqualTo(201);
        assertThat(api.as(OPS).post("/api/channels/scheduling/suspend", "{\"reason\":\"scheduling system compromised\"}").status())
                .isEqualTo(200);

        var refused = api.as(SCHEDULER).put("/api/appointments/SUSP-2", appointment("06 11 22 33 66", inDays(4), "PONTCHAILLOU"));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(refused.body()).contains("scheduling-suspended");
        assertThat(api.as(SCHEDULER).delete("/api/appointments/SUSP-1").status()).isEqualTo(503);
        assertThat(api.as(SCHEDULER).get("/api/appointments/SUSP-1").status()).isEqualTo(200);
        assertThat(api.as(SCHEDULER).get("/api/appointments/SUSP-2").status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from reminder where appointment_id = 'SUSP-1' and status = 'PENDING'")
                .query(Long.class).single()).isEqualTo(1);

        api.as(OPS).post("/api/channels/scheduling/resume", "{\"reason\":\"back\"}");
        assertThat(api.as(SCHEDULER).put("/api/appointments/SUSP-2", appointment("06 11 22 33 66", inDays(4), "PONTCHAILLOU")).status()).isEqualTo(201);
    }

    @Test
    void phoneNumbersAreEncryptedAtRestAndPurgedAfterTheAppointment() {
        assertThat(api.as(SCHEDULER).put("/api/appointments/PRIV-1", appointment("06 98 76 54 32", inDays(3), "PONTCHAILLOU")).status()).isEqualTo(201);
        String everything = jdbc.sql("select * from appointment where id = 'PRIV-1'").query().listOfRows().toString();
        assertThat(everything).doesNotContain("698765432", "06 98 76 54 32", "0698765432");
        assertThat(api.as(SCHEDULER).get("/api/appointments/PRIV-1").body()).contains("+33•••••••32").doesNotContain("698765432");

        // purge-after=0s: an appointment that already started loses its number at the next housekeeping
        assertThat(api.as(SCHEDULER).put("/api/appointments/PRIV-PAST", appointment("06 98 76 54 33", Instant.now().minus(1, ChronoUnit.HOURS), "PONTCHAILLOU"))
                .status()).isEqualTo(201);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                "PURGED".equals(jdbc.sql("select phone_status from appointment where id = 'PRIV-PAST'").query(String.class).single()));
        assertThat(jdbc.sql("select count(*) from appointment where id = 'PRIV-PAST' and phone_enc is null and phone_hash is null")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select phone_status from appointment where id = 'PRIV-1'").query(String.class).single()).isEqualTo("OK");
    }
}
