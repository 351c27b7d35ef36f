package org.passerelle.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.passerelle.testsupport.PasserelleInstance;
import org.passerelle.testsupport.PostgresTestDatabase;
import org.passerelle.testsupport.smsc.TestSmsc;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A receipt that arrives after Passerelle restarted still finds its reminder: matching is by message id in the database. */
class ReceiptAfterRestartTest {

    @RegisterExtension
    static final PostgresTestDatabase db = PostgresTestDatabase.perClass("receipt_restart");
    static final TestSmsc SMSC = TestSmsc.started().receiptDelay(Duration.ofSeconds(3));

    @AfterAll
    static void stop() {
        SMSC.close();
    }

    private static List<String> args() {
        List<String> args = new ArrayList<>(db.springArgs());
        args.addAll(List.of("--passerelle.sms.smsc.port=" + SMSC.port(),
                "--passerelle.sms.smsc.password=" + TestSmsc.DEFAULT_PASSWORD,
                "--passerelle.reminders.send-from=00:00", "--passerelle.reminders.send-until=23:59:59",
                "--passerelle.sms.poll-interval=100ms"));
        return args;
    }

    @Test
    void theReceiptIsAppliedByTheNextStartOfPasserelle() {
        String status;
        try (PasserelleInstance first = PasserelleInstance.start("before-restart", args())) {
            String body = "{\"patientPhone\":\"06 55 44 33 22\",\"start\":\"" + Instant.now().plus(4, ChronoUnit.HOURS)
                    + "\",\"siteCode\":\"PONTCHAILLOU\"}";
            assertThat(first.as(SCHEDULER).put("/api/appointments/RESTART-1", body).status()).isEqualTo(201);
            JdbcClient sql = first.bean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    "SUBMITTED".equals(sql.sql("select status from reminder where appointment_id = 'RESTART-1'").query(String.class).single()));
        }
        // Passerelle is down when the SMSC's receipt falls due: the SMSC keeps it
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(SMSC.pendingDeliveries()).isEqualTo(1);

        try (PasserelleInstance second = PasserelleInstance.start("after-restart", args())) {
            JdbcClient sql = second.bean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    "DELIVERED".equals(sql.sql("select status from reminder where appointment_id = 'RESTART-1'").query(String.class).single()));
            status = second.as(SCHEDULER).get("/api/appointments/RESTART-1").body();
        }
        assertThat(status).contains("\"status\":\"DELIVERED\"");
        assertThat(SMSC.submits()).hasSize(1);
    }
}
