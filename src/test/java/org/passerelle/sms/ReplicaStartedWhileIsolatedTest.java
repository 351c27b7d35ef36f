package org.passerelle.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Api.reason;
import static org.passerelle.testsupport.Role.OPS;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.passerelle.testsupport.PasserelleInstance;
import org.passerelle.testsupport.Replicas;
import org.passerelle.testsupport.smsc.TestSmsc;

/**
 * A replica that starts while the hospital is isolated never binds, not even for a moment, although
 * the SMSC is up; once sms is restored (on the other replica) it binds within the reconcile interval.
 */
class ReplicaStartedWhileIsolatedTest {

    @RegisterExtension
    static final Replicas replicas = Replicas.onPostgres("sms_isolated_start").withSmsc().args(
            "--passerelle.sms.smsc.reconnect-delay=200ms", "--passerelle.sms.smsc.enquire-link=1s",
            "--camel.routecontroller.back-off-delay=200").named("first");

    private static TestSmsc smsc;
    private static PasserelleInstance first;
    private static PasserelleInstance late;

    @BeforeAll
    static void replicas() {
        smsc = replicas.smsc();
        first = replicas.get("first");
    }

    @Test
    void aReplicaStartedWhileIsolatedMakesNoBindRequestAndBindsOnceRestored() {
        await().atMost(Duration.ofSeconds(15)).until(() -> smsc.boundReceivers() == 1);
        assertThat(first.as(OPS).post("/api/incident/isolate", reason("ransomware suspected")).status()).isEqualTo(200);
        assertThat(smsc.boundSessions()).as("sessions open at the SMSC once isolate returned").isZero();
        int bindRequestsBefore = smsc.bindRequestCount();

        late = replicas.startAnother("late");
        // several reconnect delays and route-controller back-offs, with the SMSC up all along
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        assertThat(smsc.bindRequestCount() - bindRequestsBefore).as("bind requests while isolated").isZero();
        assertThat(late.bean(SmscConnections.class).openCount()).isZero();

        assertThat(first.as(OPS).post("/api/incident/restore", "{\"channels\":[\"sms\"],\"reason\":\"SMS cleared\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsc.boundReceivers() == 2);
        assertThat(late.bean(SmscConnections.class).openCount()).isEqualTo(1);
    }
}
