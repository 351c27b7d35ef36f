package org.passerelle.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Api.reason;
import static org.passerelle.testsupport.Role.OPS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.passerelle.testsupport.PasserelleInstance;
import org.passerelle.testsupport.PostgresTestDatabase;
import org.passerelle.testsupport.smsc.TestSmsc;

/**
 * A replica that starts while the hospital is isolated never binds, not even for a moment, although
 * the SMSC is up; once sms is restored (on the other replica) it binds within the reconcile interval.
 */
class ReplicaStartedWhileIsolatedTest {

    @RegisterExtension
    static final PostgresTestDatabase db = PostgresTestDatabase.perClass("sms_isolated_start");

    private static TestSmsc smsc;
    private static PasserelleInstance first;
    private static PasserelleInstance late;
    private static List<String> args;

    @BeforeAll
    static void start() {
        smsc = TestSmsc.started();
        args = new ArrayList<>(db.springArgs());
        args.addAll(List.of(
                "--passerelle.sms.smsc.port=" + smsc.port(),
                "--passerelle.sms.smsc.password=" + TestSmsc.DEFAULT_PASSWORD,
                "--passerelle.sms.smsc.reconnect-delay=200ms", "--passerelle.sms.smsc.enquire-link=1s",
                "--camel.routecontroller.back-off-delay=200"));
        first = PasserelleInstance.start("first", args);
    }

    @AfterAll
    static void stop() {
        if (late != null) {
            late.close();
        }
        if (first != null) {
            first.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    @Test
    void aReplicaStartedWhileIsolatedMakesNoBindRequestAndBindsOnceRestored() {
        await().atMost(Duration.ofSeconds(15)).until(() -> smsc.boundReceivers() == 1);
        assertThat(first.as(OPS).post("/api/incident/isolate", reason("ransomware suspected")).status()).isEqualTo(200);
        assertThat(smsc.boundSessions()).as("sessions open at the SMSC once isolate returned").isZero();
        int bindRequestsBefore = smsc.bindRequestCount();

        late = PasserelleInstance.start("late", args);
        // several reconnect delays and route-controller back-offs, with the SMSC up all along
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        assertThat(smsc.bindRequestCount() - bindRequestsBefore).as("bind requests while isolated").isZero();
        assertThat(late.bean(SmscConnections.class).openCount()).isZero();

        assertThat(first.as(OPS).post("/api/incident/restore", "{\"channels\":[\"sms\"],\"reason\":\"SMS cleared\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsc.boundReceivers() == 2);
        assertThat(late.bean(SmscConnections.class).openCount()).isEqualTo(1);
    }
}
