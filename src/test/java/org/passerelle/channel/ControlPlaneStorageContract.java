package org.passerelle.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.passerelle.testsupport.PasserelleInstance;

/**
 * The control plane's storage contract, run unchanged on each database Passerelle supports
 * ({@link H2ControlPlaneStorageTest}, {@link PostgresControlPlaneStorageTest}): ChannelControl, ChannelStore
 * and AuditLog inside a full application, plus raw JDBC to prove the database itself keeps the audit
 * append-only.
 *
 * <p>One application per class; every test starts from "every channel ACTIVE, no incident open" and only
 * looks at audit records written after its own start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ControlPlaneStorageContract {

    private PasserelleInstance app;
    private ChannelControl control;
    private ChannelStore store;
    private AuditLog audit;
    private ChannelGate gate;

    /** Starts the application on the database under test. */
    protected abstract PasserelleInstance startApplication();

    /** A JDBC connection to the same database that bypasses the application (autocommit on). */
    protected abstract Connection rawConnection(PasserelleInstance app) throws SQLException;

    /** {@link java.sql.DatabaseMetaData#getDatabaseProductName()} of the database under test. */
    protected abstract String expectedDatabaseProduct();

    @BeforeAll
    void startApplicationOnDatabaseUnderTest() {
        app = startApplication();
        control = app.bean(ChannelControl.class);
        store = app.bean(ChannelStore.class);
        audit = app.bean(AuditLog.class);
        gate = app.bean(ChannelGate.class);
    }

    @AfterAll
    void stopApplication() {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void everyChannelActiveAndNoIncident() {
        ControlSnapshot snap = store.snapshot();
        if (snap.openIncidentId() != null) {
            Set<ChannelId> notActive = EnumSet.noneOf(ChannelId.class);
            snap.channels().values().stream().filter(c -> c.state() != ChannelState.ACTIVE).forEach(c -> notActive.add(c.id()));
            if (!notActive.isEmpty()) {
                control.restore(notActive, "test-setup", "back to a clean slate");
            }
        }
        for (ChannelRecord c : store.snapshot().channels().values()) {
            if (c.state() == ChannelState.SUSPENDED) {
                control.resume(c.id(), "test-setup", "back to a clean slate");
            }
        }
        ControlSnapshot clean = store.snapshot();
        assertThat(clean.openIncidentId()).as("no incident open before the test").isNull();
        assertThat(clean.channels().values()).extracting(ChannelRecord::state).containsOnly(ChannelState.ACTIVE);
    }

    @Test
    void runsOnTheExpectedDatabaseWithMigrationsApplied() throws SQLException {
        try (Connection c = rawConnection(app)) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo(expectedDatabaseProduct());
        }
        assertThat(store.snapshot().channels()).containsOnlyKeys(ChannelId.values());
    }

    @Test
    void suspendAndResumePersistStateAndAuditWhoWhenWhyFromAndTo() {
        long mark = lastAuditId();
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);

        control.suspend(ChannelId.SMS, "alice", "SMSC maintenance window");

        ChannelRecord sms = store.snapshot().channel(ChannelId.SMS);
        assertThat(sms.state()).isEqualTo(ChannelState.SUSPENDED);
        assertThat(sms.changedBy()).isEqualTo("alice");
        assertThat(sms.changeReason()).isEqualTo("SMSC maintenance window");
        assertThat(sms.changedAt()).isAfter(before).isBefore(OffsetDateTime.now().plusSeconds(1));
        assertThat(store.snapshot().channel(ChannelId.PAYMENTS).state()).isEqualTo(ChannelState.ACTIVE);
        assertThat(gate.isOpen(ChannelId.SMS)).as("sms gate closed on this replica when suspend returns").isFalse();
        assertThat(gate.allowsRecovery(ChannelId.SMS)).isTrue();
        assertThat(gate.isOpen(ChannelId.PAYMENTS)).isTrue();

        List<AuditEntry> written = auditSince(mark);
        assertThat(written).hasSize(1);
        AuditEntry e = written.get(0);
        assertThat(e.actor()).isEqualTo("alice");
        assertThat(e.channel()).isEqualTo("sms");
        assertThat(e.action()).isEqualTo(AuditAction.SUSPEND);
        assertThat(e.from()).isEqualTo("ACTIVE");
        assertThat(e.to()).isEqualTo("SUSPENDED");
        assertThat(e.reason()).isEqualTo("SMSC maintenance window");
        assertThat(e.incidentId()).isNull();
        assertThat(e.occurredAt()).isAtSameInstantAs(sms.changedAt());

        assertThatThrownBy(() -> control.suspend(ChannelId.SMS, "bob", "again"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("already suspended");
        assertThat(auditSince(mark)).as("a refused change writes no audit").hasSize(1);
        assertThat(store.snapshot().channel(ChannelId.SMS).changedBy()).isEqualTo("alice");

        control.resume(ChannelId.SMS, "bob", "maintenance over");

        ChannelRecord resumed = store.snapshot().channel(ChannelId.SMS);
        assertThat(resumed.state()).isEqualTo(ChannelState.ACTIVE);
        assertThat(resumed.changedBy()).isEqualTo("bob");
        assertThat(gate.isOpen(ChannelId.SMS)).isTrue();
        written = auditSince(mark);
        assertThat(written).hasSize(2);
        assertThat(written.get(1)).extracting(AuditEntry::actor, AuditEntry::channel, AuditEntry::action,
                        AuditEntry::from, AuditEntry::to, AuditEntry::reason, AuditEntry::incidentId)
                .containsExactly("bob", "sms", AuditAction.RESUME, "SUSPENDED", "ACTIVE", "maintenance over", null);

        assertThatThrownBy(() -> control.resume(ChannelId.SMS, "bob", "twice"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("already active");
        assertThat(auditSince(mark)).hasSize(2);
    }

    @Test
    void isolateOpensOneIncidentAndRestoringOneChannelAtATimeKeepsItOpenUntilTheLastReturns() {
        control.suspend(ChannelId.PAYMENTS, "alice", "terminal backend flaky");
        long mark = lastAuditId();

        control.isolate("carol", "ransomware suspected");

        ControlSnapshot isolated = store.snapshot();
        Long incident = isolated.openIncidentId();
        assertThat(incident).isNotNull();
        assertThat(isolated.channels().values()).extracting(ChannelRecord::state).containsOnly(ChannelState.ISOLATED);
        for (ChannelId id : ChannelId.values()) {
            assertThat(gate.isOpen(id)).as("gate %s", id).isFalse();
            assertThat(gate.allowsRecovery(id)).as("recovery on %s", id).isFalse();
        }
        IncidentRecord opened = store.incident(incident);
        assertThat(opened.openedBy()).isEqualTo("carol");
        assertThat(opened.reason()).isEqualTo("ransomware suspected");
        assertThat(opened.closedAt()).isNull();

        List<AuditEntry> isolation = auditSince(mark);
        assertThat(isolation).hasSize(3).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.ISOLATE);
            assertThat(e.actor()).isEqualTo("carol");
            assertThat(e.reason()).isEqualTo("ransomware suspected");
            assertThat(e.to()).isEqualTo("ISOLATED");
            assertThat(e.incidentId()).isEqualTo(incident);
        });
        assertThat(isolation).extracting(AuditEntry::channel, AuditEntry::from).containsExactlyInAnyOrder(
                tuple("sms", "ACTIVE"),
                tuple("payments", "SUSPENDED"),
                tuple("scheduling", "ACTIVE"));

        assertThatThrownBy(() -> control.isolate("carol", "twice")).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> control.resume(ChannelId.SMS, "dave", "not this way"))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("isolated");
        assertThat(auditSince(mark)).hasSize(3);

        long afterIsolation = lastAuditId();
        control.restore(Set.of(ChannelId.SMS), "dave", "SMS reminders needed, SMSC link verified");

        ControlSnapshot partly = store.snapshot();
        assertThat(partly.channel(ChannelId.SMS).state()).isEqualTo(ChannelState.ACTIVE);
        assertThat(partly.channel(ChannelId.PAYMENTS).state()).isEqualTo(ChannelState.ISOLATED);
        assertThat(partly.channel(ChannelId.SCHEDULING).state()).isEqualTo(ChannelState.ISOLATED);
        assertThat(partly.openIncidentId()).as("incident stays open while channels are isolated").isEqualTo(incident);
        assertThat(store.incident(incident).closedAt()).isNull();
        assertThat(gate.isOpen(ChannelId.SMS)).isTrue();
        assertThat(gate.isOpen(ChannelId.PAYMENTS)).isFalse();
        assertThat(auditSince(afterIsolation)).singleElement()
                .extracting(AuditEntry::actor, AuditEntry::channel, AuditEntry::action, AuditEntry::from, AuditEntry::to,
                        AuditEntry::reason, AuditEntry::incidentId)
                .containsExactly("dave", "sms", AuditAction.RESTORE, "ISOLATED", "ACTIVE",
                        "SMS reminders needed, SMSC link verified", incident);

        assertThatThrownBy(() -> control.restore(Set.of(ChannelId.SMS), "dave", "twice"))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("already active");

        control.restore(Set.of(ChannelId.PAYMENTS), "dave", "cashier needs card payments");
        assertThat(store.snapshot().openIncidentId()).isEqualTo(incident);
        assertThat(store.incident(incident).closedAt()).isNull();

        control.restore(Set.of(ChannelId.SCHEDULING), "erin", "last one");
        ControlSnapshot closed = store.snapshot();
        assertThat(closed.openIncidentId()).isNull();
        assertThat(closed.channels().values()).extracting(ChannelRecord::state).containsOnly(ChannelState.ACTIVE);
        IncidentRecord done = store.incident(incident);
        assertThat(done.closedAt()).isNotNull();
        assertThat(done.closedBy()).isEqualTo("erin");
        assertThat(store.latestIncident().id()).isEqualTo(incident);
        for (ChannelId id : ChannelId.values()) {
            assertThat(gate.isOpen(id)).isTrue();
        }
        assertThat(auditSince(afterIsolation)).hasSize(3)
                .allSatisfy(e -> assertThat(e.incidentId()).isEqualTo(incident))
                .extracting(AuditEntry::channel).containsExactly("sms", "payments", "scheduling");

        assertThatThrownBy(() -> control.restore(Set.of(ChannelId.SMS), "erin", "no incident"))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("No incident is open");

        control.isolate("frank", "second alert");
        Long second = store.snapshot().openIncidentId();
        assertThat(second).isNotNull().isGreaterThan(incident);
    }

    @Test
    void restoringEveryChannelInOneCallClosesTheIncident() {
        control.isolate("carol", "drill");
        Long incident = store.snapshot().openIncidentId();
        long mark = lastAuditId();

        control.restore(EnumSet.allOf(ChannelId.class), "carol", "drill over");

        assertThat(store.snapshot().openIncidentId()).isNull();
        assertThat(store.incident(incident).closedBy()).isEqualTo("carol");
        assertThat(auditSince(mark)).hasSize(3).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.RESTORE);
            assertThat(e.incidentId()).isEqualTo(incident);
        });
    }

    /**
     * ISOLATED → SUSPENDED is allowed (ops may let recovery traffic through without new work). A channel that
     * leaves isolation that way is no longer isolated, so the incident must not outlive the last isolated
     * channel: otherwise it could stay open forever (restore refuses ACTIVE channels) and the hospital could
     * never be isolated again ("already isolated").
     */
    @Test
    void anIncidentNeverOutlivesItsLastIsolatedChannelAndIsolationStaysPossible() {
        control.isolate("carol", "ransomware suspected");
        Long incident = store.snapshot().openIncidentId();

        control.suspend(ChannelId.SMS, "dave", "allow receipts only");
        control.suspend(ChannelId.PAYMENTS, "dave", "allow status inquiries only");
        assertThat(store.snapshot().openIncidentId()).as("scheduling is still isolated").isEqualTo(incident);
        long mark = lastAuditId();
        control.suspend(ChannelId.SCHEDULING, "dave", "last isolated channel, suspended instead");

        ControlSnapshot snap = store.snapshot();
        assertThat(snap.channels().values()).extracting(ChannelRecord::state).containsOnly(ChannelState.SUSPENDED);
        assertThat(snap.openIncidentId()).as("no channel is isolated any more, so no incident is open").isNull();
        assertThat(store.incident(incident).closedAt()).isNotNull();
        assertThat(store.incident(incident).closedBy()).isEqualTo("dave");
        assertThat(auditSince(mark)).singleElement()
                .extracting(AuditEntry::from, AuditEntry::to, AuditEntry::incidentId)
                .containsExactly("ISOLATED", "SUSPENDED", incident);

        for (ChannelId id : ChannelId.values()) {
            control.resume(id, "dave", "all clear");
        }
        control.isolate("carol", "second alert");
        assertThat(store.snapshot().openIncidentId()).isNotNull().isNotEqualTo(incident);
    }

    @Test
    void auditPagesNewestFirstAndFiltersByChannelAndHalfOpenTimeRange() {
        // A window far from "now" so records of other tests never fall into it.
        OffsetDateTime base = OffsetDateTime.of(2031, 3, 14, 9, 0, 0, 0, ZoneOffset.UTC);
        ZoneOffset paris = ZoneOffset.ofHours(2);
        for (int i = 0; i < 12; i++) {
            ChannelId channel = i % 2 == 0 ? ChannelId.SMS : ChannelId.PAYMENTS;
            OffsetDateTime at = base.plusMinutes(i);
            if (i % 3 == 0) {
                at = at.withOffsetSameInstant(paris); // same instant, other offset: must compare as an instant
            }
            audit.append(at, "pager", channel, i % 2 == 0 ? AuditAction.SUSPEND : AuditAction.RESUME,
                    "ACTIVE", "SUSPENDED", "entry " + i, null);
        }

        // sms at minutes 0,2,4,6,8,10; [2, 10) → 2,4,6,8
        AuditPage p0 = audit.find(new AuditQuery(ChannelId.SMS, base.plusMinutes(2), base.plusMinutes(10), 0, 3));
        assertThat(p0.totalItems()).isEqualTo(4);
        assertThat(p0.page()).isZero();
        assertThat(p0.size()).isEqualTo(3);
        assertThat(p0.items()).extracting(AuditEntry::reason).containsExactly("entry 8", "entry 6", "entry 4");
        assertThat(p0.items()).extracting(AuditEntry::id).isSortedAccordingTo((x, y) -> Long.compare(y, x));
        AuditPage p1 = audit.find(new AuditQuery(ChannelId.SMS, base.plusMinutes(2), base.plusMinutes(10), 1, 3));
        assertThat(p1.totalItems()).isEqualTo(4);
        assertThat(p1.items()).extracting(AuditEntry::reason).containsExactly("entry 2");
        AuditPage p2 = audit.find(new AuditQuery(ChannelId.SMS, base.plusMinutes(2), base.plusMinutes(10), 2, 3));
        assertThat(p2.items()).isEmpty();
        assertThat(p2.totalItems()).isEqualTo(4);

        AuditEntry eight = p0.items().get(0);
        assertThat(eight.occurredAt()).isAtSameInstantAs(base.plusMinutes(8));
        assertThat(eight).extracting(AuditEntry::actor, AuditEntry::channel, AuditEntry::action, AuditEntry::from,
                AuditEntry::to, AuditEntry::incidentId)
                .containsExactly("pager", "sms", AuditAction.SUSPEND, "ACTIVE", "SUSPENDED", null);

        // time only, both channels, bounds given in other offsets: [3, 6) → 3,4,5
        AuditPage window = audit.find(new AuditQuery(null,
                base.plusMinutes(3).withOffsetSameInstant(ZoneOffset.ofHoursMinutes(5, 30)),
                base.plusMinutes(6).withOffsetSameInstant(ZoneOffset.ofHours(-4)), 0, 50));
        assertThat(window.items()).extracting(AuditEntry::reason).containsExactly("entry 5", "entry 4", "entry 3");
        assertThat(window.items()).extracting(AuditEntry::channel).containsExactly("payments", "sms", "payments");

        AuditPage payments = audit.find(new AuditQuery(ChannelId.PAYMENTS, base, base.plusHours(1), 0, 50));
        assertThat(payments.totalItems()).isEqualTo(6);
        assertThat(payments.items()).extracting(AuditEntry::reason)
                .containsExactly("entry 11", "entry 9", "entry 7", "entry 5", "entry 3", "entry 1");

        AuditPage onlyFrom = audit.find(new AuditQuery(ChannelId.SMS, base.plusMinutes(9), null, 0, 50));
        assertThat(onlyFrom.items()).extracting(AuditEntry::reason).containsExactly("entry 10");
        AuditPage onlyTo = audit.find(new AuditQuery(ChannelId.SMS, null, base.plusMinutes(1), 0, 50));
        assertThat(onlyTo.items()).extracting(AuditEntry::reason).contains("entry 0").doesNotContain("entry 2");

        AuditPage everything = audit.find(new AuditQuery(null, null, null, 0, 5));
        assertThat(everything.totalItems()).isGreaterThanOrEqualTo(12);
        assertThat(everything.items()).hasSize(5);
        assertThat(everything.items().get(0).id()).isEqualTo(lastAuditId());
    }

    @Test
    void theDatabaseItselfRefusesUpdateAndDeleteOnTheAudit() throws SQLException {
        control.suspend(ChannelId.SCHEDULING, "alice", "to have a record to attack");
        long id = lastAuditId();
        try (Connection c = rawConnection(app)) {
            c.setAutoCommit(true);
            List<Object> before = row(c, id);
            long count = count(c);

            try (Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.executeUpdate("update channel_audit set reason = 'rewritten' where id = " + id))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
                assertThatThrownBy(() -> st.executeUpdate("update channel_audit set actor = 'nobody'"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
                assertThatThrownBy(() -> st.executeUpdate("delete from channel_audit where id = " + id))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
                assertThatThrownBy(() -> st.executeUpdate("delete from channel_audit"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }

            assertThat(row(c, id)).isEqualTo(before);
            assertThat(count(c)).isEqualTo(count);

            // Append-only, not read-only: a new record still goes in.
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into channel_audit (occurred_at, actor, channel_id, action, from_value, to_value, reason)
                    values (?, 'raw-jdbc', 'sms', 'SUSPEND', 'ACTIVE', 'SUSPENDED', 'append still allowed')""")) {
                insert.setObject(1, OffsetDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            assertThat(count(c)).isEqualTo(count + 1);
        }
    }

    private static List<Object> row(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select * from channel_audit where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("audit record %s exists", id).isTrue();
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                return values;
            }
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from channel_audit")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long lastAuditId() {
        List<AuditEntry> newest = audit.find(new AuditQuery(null, null, null, 0, 1)).items();
        return newest.isEmpty() ? 0 : newest.get(0).id();
    }

    /** Audit records with an id above {@code mark}, oldest first. */
    private List<AuditEntry> auditSince(long mark) {
        List<AuditEntry> newestFirst = audit.find(new AuditQuery(null, null, null, 0, 500)).items();
        List<AuditEntry> result = new ArrayList<>(newestFirst.stream().filter(e -> e.id() > mark).toList());
        Collections.reverse(result);
        return result;
    }
}
