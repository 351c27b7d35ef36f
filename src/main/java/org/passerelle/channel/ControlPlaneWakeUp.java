package org.passerelle.channel;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, a control change on one replica wakes the others at once: the change's transaction sends
 * {@code NOTIFY passerelle_control} with its new revision as payload (delivered at commit), and each replica
 * LISTENs on a connection of its own. A notification for a revision this replica already enforces (its own
 * change, applied before the call returned) costs no query; otherwise the snapshot is read on the listening
 * connection itself, never from the pool, so a wake-up does not queue behind busy pooled connections. Polling
 * every {@code reconcile-interval} stays the safety net: a lost notification or a broken listening connection
 * only makes convergence as slow as polling. Elsewhere (H2) or with
 * {@code passerelle.channels.listen-notify=false}, polling alone.
 */
@Component
class ControlPlaneWakeUp implements SmartLifecycle {

    static final String CHANNEL = "passerelle_control";
    private static final Logger log = LoggerFactory.getLogger(ControlPlaneWakeUp.class);
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ChannelReconciler reconciler;
    private final boolean enabled;
    private final AtomicLong wakeUps = new AtomicLong();
    private volatile Thread listener;
    private volatile Connection listening;

    ControlPlaneWakeUp(DataSource dataSource, JdbcClient jdbc, ChannelReconciler reconciler, ChannelProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.reconciler = reconciler;
        this.enabled = properties.listenNotify() && isPostgres(dataSource);
    }

    /** Called inside the transaction that changes the control plane, after it bumped the revision. */
    void announce() {
        if (enabled) {
            jdbc.sql("select pg_notify('" + CHANNEL + "', (select revision::text from control_plane where id = 1))")
                    .query(Object.class).single();
        }
    }

    /** How many notifications woke this replica (for tests and diagnosis). */
    long wakeUps() {
        return wakeUps.get();
    }

    boolean enabled() {
        return enabled;
    }

    private void listen() {
        boolean failingLogged = false;
        while (!Thread.currentThread().isInterrupted()) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                listening = c;
                st.execute("LISTEN " + CHANNEL);
                ChannelStore onThisConnection = new ChannelStore(JdbcClient.create(new SingleConnectionDataSource(c, true)));
                reconciler.reconcileFrom(onThisConnection); // anything committed before LISTEN took effect
                failingLogged = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!Thread.currentThread().isInterrupted()) {
                    PGNotification[] heard = pg.getNotifications(WAIT_MILLIS);
                    if (heard != null && heard.length > 0) {
                        wakeUps.addAndGet(heard.length);
                        if (reconciler.isBehind(newestRevision(heard))) {
                            reconciler.reconcileFrom(onThisConnection);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (listener == null) {
                    return; // stopping
                }
                if (!failingLogged) {
                    log.warn("Not listening for control-plane notifications ({}); polling continues, retrying",
                            ChannelBreakers.describe(e));
                    failingLogged = true;
                }
                sleep();
            } finally {
                listening = null;
            }
        }
    }

    /** The highest revision announced; an empty or foreign payload (an older replica's) counts as unknown, so newer. */
    static long newestRevision(PGNotification[] heard) {
        long newest = Long.MIN_VALUE;
        for (PGNotification n : heard) {
            try {
                newest = Math.max(newest, Long.parseLong(n.getParameter()));
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }
        return newest;
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        Thread t = new Thread(this::listen, "control-plane-listener");
        t.setDaemon(true);
        listener = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t = listener;
        listener = null;
        if (t != null) {
            t.interrupt();
            Connection c = listening;
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing a connection we are abandoning
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    /** Right after the reconciler's first load. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1001;
    }
}
