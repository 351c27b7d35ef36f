package org.passerelle.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.OpsClient;
import org.passerelle.testsupport.SchedulerClient;
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

    private SchedulerClient scheduler;
    private OpsClient ops;

    @BeforeEach
    void setUp() {
        scheduler = new SchedulerClient(port);
        ops = new OpsClient(port, "ops", "ops");
        // keep reminders pending: this test is about intake, not sending
        ops.post("/api/channels/sms/suspend", "{\"reason\":\"intake test\"}");
    }

    @AfterEach
    void tearDown() {
        ops.post("/api/channels/scheduling/resume", "{\"reason\":\"intake test over\"}");
    }

    private static Instant inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    }

    @Test
    void samePutTwiceChangesNothingAndARescheduleMovesThePendingReminder() {
        Instant start = inDays(5);
        assertThat(scheduler.put("INT-1", "06 11 22 33 44", start, "PONTCHAILLOU").statusCode()).isEqualTo(201);
        String first = scheduler.get("INT-1").body();
        assertThat(scheduler.put("INT-1", "06 11 22 33 44", start, "PONTCHAILLOU").statusCode()).isEqualTo(200);
        assertThat(scheduler.get("INT-1").body()).isEqualTo(first);
        assertThat(jdbc.sql("select version from appointment where id = 'INT-1'").query(Long.class).single()).isZero();

        Instant later = inDays(8);
        assertThat(scheduler.put("INT-1", "06 11 22 33 44", later, "PONTCHAILLOU").statusCode()).isEqualTo(200);
        List<Map<String, Object>> reminders = jdbc.sql("select seq, status, due_at from reminder where appointment_id = 'INT-1'")
                .query().listOfRows();
        assertThat(reminders).hasSize(1);
        assertThat(reminders.get(0).get("STATUS")).isEqualTo("PENDING");
        assertThat(scheduler.get("INT-1").body()).contains("\"dueAt\":\"" + later.minus(48, ChronoUnit.HOURS));
    }

    @Test
    void badInputGetsAProblemAndNothingIsStored() {
        long before = jdbc.sql("select count(*) from appointment").query(Long.class).single();
        assertThat(scheduler.putJson("BAD-1", "{\"patientPhone\":\"0611223344\",\"siteCode\":\"PONTCHAILLOU\"}").body())
                .contains("\"field\":\"start\"");
        assertThat(scheduler.putJson("BAD-2", "{\"start\":\"2026-13-45T99:00:00Z\",\"siteCode\":\"PONTCHAILLOU\"}").statusCode())
                .isEqualTo(400);
        var unknownSite = scheduler.put("BAD-3", "0611223344", inDays(3), "NOWHERE");
        assertThat(unknownSite.statusCode()).isEqualTo(400);
        assertThat(unknownSite.body()).contains("Unknown site code 'NOWHERE'", "PONTCHAILLOU");
        assertThat(scheduler.putJson("BAD-4", "{\"start\":\"" + inDays(3) + "\",\"siteCode\":\"PONTCHAILLOU\",\"timeZone\":\"Mars/Olympus\"}")
                .body()).contains("timeZone");
        assertThat(scheduler.putJson("BAD-5", "{\"patientPhone\":\"<script>\",\"start\":\"" + inDays(3) + "\",\"siteCode\":\"PONTCHAILLOU\"}")
                .statusCode()).isEqualTo(400);
        assertThat(scheduler.put("bad%20id%20with%20spaces", "0611223344", inDays(3), "PONTCHAILLOU").statusCode()).isEqualTo(400);
        assertThat(scheduler.putJson("BAD-6", "{not json").statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from appointment").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void suspendedSchedulingRefusesWith503AndKeepsWhatWasAccepted() {
        assertThat(scheduler.put("SUSP-1", "06 11 22 33 55", inDays(4), "PONTCHAILLOU").statusCode()).isEqualTo(201);
        assertThat(ops.post("/api/channels/scheduling/suspend", "{\"reason\":\"scheduling system compromised\"}").statusCode())
                .isEqualTo(200);

        var refused = scheduler.put("SUSP-2", "06 11 22 33 66", inDays(4), "PONTCHAILLOU");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(refused.body()).contains("scheduling-suspended");
        assertThat(scheduler.delete("SUSP-1").statusCode()).isEqualTo(503);
        assertThat(scheduler.get("SUSP-1").statusCode()).isEqualTo(200);
        assertThat(scheduler.get("SUSP-2").statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from reminder where appointment_id = 'SUSP-1' and status = 'PENDING'")
                .query(Long.class).single()).isEqualTo(1);

        ops.post("/api/channels/scheduling/resume", "{\"reason\":\"back\"}");
        assertThat(scheduler.put("SUSP-2", "06 11 22 33 66", inDays(4), "PONTCHAILLOU").statusCode()).isEqualTo(201);
    }

    @Test
    void phoneNumbersAreEncryptedAtRestAndPurgedAfterTheAppointment() {
        assertThat(scheduler.put("PRIV-1", "06 98 76 54 32", inDays(3), "PONTCHAILLOU").statusCode()).isEqualTo(201);
        String everything = jdbc.sql("select * from appointment where id = 'PRIV-1'").query().listOfRows().toString();
        assertThat(everything).doesNotContain("698765432", "06 98 76 54 32", "0698765432");
        assertThat(scheduler.get("PRIV-1").body()).contains("+33•••••••32").doesNotContain("698765432");

        // purge-after=0s: an appointment that already started loses its number at the next housekeeping
        assertThat(scheduler.put("PRIV-PAST", "06 98 76 54 33", Instant.now().minus(1, ChronoUnit.HOURS), "PONTCHAILLOU")
                .statusCode()).isEqualTo(201);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                "PURGED".equals(jdbc.sql("select phone_status from appointment where id = 'PRIV-PAST'").query(String.class).single()));
        assertThat(jdbc.sql("select count(*) from appointment where id = 'PRIV-PAST' and phone_enc is null and phone_hash is null")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select phone_status from appointment where id = 'PRIV-1'").query(String.class).single()).isEqualTo("OK");
    }
}
