package org.passerelle.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.OPS;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.passerelle.testsupport.PasserelleInstance;
import org.passerelle.testsupport.Replicas;

/**
 * With polling slowed to its 1 s maximum, a change made on replica A reaches replica B's gate far sooner than
 * one polling period: B was woken by PostgreSQL's NOTIFY, not by its poll. Also when every pooled connection of
 * B is busy (pool timeout 5 s, as in production): the listener reads on its own connection.
 */
class ControlPlaneWakeUpTest {

    private static final int ROUNDS = 8;

    @RegisterExtension
    static final Replicas replicas = Replicas.onPostgres("wake_up")
            .args("--passerelle.channels.reconcile-interval=1s", "--spring.datasource.hikari.connection-timeout=5000")
            .named("A", "B");

    @Test
    void aChangeOnOneReplicaWakesTheOtherAtOnce() {
        PasserelleInstance a = replicas.get("A");
        PasserelleInstance b = replicas.get("B");
        ChannelGate gateOfB = b.bean(ChannelGate.class);
        ControlPlaneWakeUp wakeUpOfB = b.bean(ControlPlaneWakeUp.class);
        assertThat(wakeUpOfB.enabled()).isTrue();
        long wakeUpsBefore = wakeUpOfB.wakeUps();

        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            boolean suspend = i % 2 == 0;
            String action = suspend ? "suspend" : "resume";
            assertThat(a.as(OPS).post("/api/channels/payments/" + action, "{\"reason\":\"wake-up round " + i + "\"}").status())
                    .isEqualTo(200);
            long committed = System.nanoTime();
            while (gateOfB.isOpen(ChannelId.PAYMENTS) == suspend && System.nanoTime() - committed < 3_000_000_000L) {
                Thread.onSpinWait();
            }
            millis.add((System.nanoTime() - committed) / 1_000_000);
            assertThat(gateOfB.isOpen(ChannelId.PAYMENTS)).as("round %d applied on B", i).isEqualTo(!suspend);
        }
        Collections.sort(millis);
        long median = millis.get(ROUNDS / 2);
        System.out.printf("Control change A → B's gate with 1 s polling: median %d ms, max %d ms (%s)%n",
                median, millis.get(ROUNDS - 1), millis);
        // polling alone would give about 500 ms on average at a 1 s period
        assertThat(median).as("median A → B, ms").isLessThan(250);
        assertThat(wakeUpOfB.wakeUps() - wakeUpsBefore).as("notifications heard by B").isGreaterThanOrEqualTo(ROUNDS);
    }

    @Test
    void aReplicaWhosePoolIsExhaustedStillFollowsAtOnce() throws Exception {
        PasserelleInstance a = replicas.get("A");
        PasserelleInstance b = replicas.get("B");
        ChannelGate gateOfB = b.bean(ChannelGate.class);
        HikariDataSource poolOfB = b.bean(HikariDataSource.class);
        List<Connection> held = new ArrayList<>();
        try {
            int free = poolOfB.getMaximumPoolSize() - poolOfB.getHikariPoolMXBean().getActiveConnections();
            for (int i = 0; i < free; i++) {
                held.add(poolOfB.getConnection());
            }
            assertThat(poolOfB.getHikariPoolMXBean().getActiveConnections()).isEqualTo(poolOfB.getMaximumPoolSize());
            for (int i = 0; i < 2; i++) { // scheduling, so that a failure here leaves the other test's payments alone
                boolean suspend = i == 0;
                assertThat(a.as(OPS).post("/api/channels/scheduling/" + (suspend ? "suspend" : "resume"),
                        "{\"reason\":\"pool of B exhausted\"}").status()).isEqualTo(200);
                long answered = System.nanoTime();
                while (gateOfB.isOpen(ChannelId.SCHEDULING) == suspend && System.nanoTime() - answered < 3_000_000_000L) {
                    Thread.onSpinWait();
                }
                long millis = (System.nanoTime() - answered) / 1_000_000;
                assertThat(gateOfB.isOpen(ChannelId.SCHEDULING)).as("change %d applied on B", i).isEqualTo(!suspend);
                // a pooled read would wait up to the 5 s pool timeout, and the 1 s poll is stuck behind the pool too
                assertThat(millis).as("A's answer → B's gate with B's pool exhausted, ms").isLessThan(1000);
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }
}
