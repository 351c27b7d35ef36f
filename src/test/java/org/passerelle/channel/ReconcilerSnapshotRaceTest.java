package org.passerelle.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.passerelle.testsupport.BoundProperties;
import org.passerelle.testsupport.PostgresTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A replica reconciles from two threads at once (its poller, and a control call made through it). Each read
 * of the desired state must be one consistent version, labelled with its own revision; otherwise a read that
 * straddles a commit carries newer data under an older label, and an older read applied after it puts the
 * older state back in force: a suspended channel's gate reopens, a forced-open breaker closes, until the next
 * poll. This test makes that interleaving happen on purpose, on PostgreSQL, with the real store and reconciler.
 */
class ReconcilerSnapshotRaceTest {

    private static final Pattern READS_CHANNELS = Pattern.compile("(?is).*\\b(from|join)\\s+channel\\b.*");

    @RegisterExtension
    static final PostgresTestDatabase db = PostgresTestDatabase.perClass("reconciler_race");

    /** Runs on the thread that is about to read the channel table (once). */
    private final ThreadLocal<Runnable> beforeReadingChannels = new ThreadLocal<>();
    /** Runs on the thread that has read the channel table, when it gives its connection back (once). */
    private final ThreadLocal<Runnable> afterReadingChannels = new ThreadLocal<>();

    @BeforeEach
    void migrate() {
        Flyway.configure()
                .dataSource(db.jdbcUrl(), PostgresTestDatabase.username(), PostgresTestDatabase.password())
                .schemas(db.schema()).defaultSchema(db.schema())
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load().migrate();
    }

    @Test
    void anOlderReadNeverOverridesANewerOneOnTheSameReplica() throws Exception {
        ChannelProperties properties = BoundProperties.defaults(ChannelProperties.class);
        Clock clock = Clock.systemUTC();
        ChannelStore store = new ChannelStore(JdbcClient.create(hooked(plainDataSource())));
        ChannelGate gate = new ChannelGate();
        ChannelBreakers breakers = new ChannelBreakers(properties, clock, java.util.List.of());
        ChannelReconciler reconciler = new ChannelReconciler(store, gate, breakers, properties, clock, event -> { });

        CountDownLatch olderReadDone = new CountDownLatch(1);
        CountDownLatch newerApplied = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // The poller: reads the state as it is now (sms ACTIVE, breaker AUTO), then is slow to apply it.
            Future<?> older = threads.submit(() -> {
                afterReadingChannels.set(() -> {
                    olderReadDone.countDown();
                    await(newerApplied);
                });
                reconciler.reconcileNow();
            });
            if (!olderReadDone.await(10, TimeUnit.SECONDS)) {
                older.get(1, TimeUnit.SECONDS); // shows why the older read never got there
                throw new IllegalStateException("the older read never read the channel table");
            }

            // A control call: ops suspend sms and force its breaker open; it commits while this read runs.
            Future<ChannelState> newer = threads.submit(() -> {
                beforeReadingChannels.set(this::suspendSmsAndForceItsBreakerOpen);
                reconciler.reconcileNow();
                ChannelState applied = gate.appliedState(ChannelId.SMS);
                newerApplied.countDown();
                return applied;
            });
            assertThat(newer.get(10, TimeUnit.SECONDS)).as("sms state applied by the newer read").isEqualTo(ChannelState.SUSPENDED);
            older.get(10, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertThat(gate.appliedState(ChannelId.SMS)).as("sms state once both reads are applied").isEqualTo(ChannelState.SUSPENDED);
        assertThat(gate.isOpen(ChannelId.SMS)).isFalse();
        assertThat(breakers.breaker(ChannelId.SMS).getState()).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
        assertThat(reconciler.applied().channel(ChannelId.SMS).state()).isEqualTo(ChannelState.SUSPENDED);
    }

    private void suspendSmsAndForceItsBreakerOpen() {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.executeUpdate("update control_plane set revision = revision + 1 where id = 1");
            st.executeUpdate("update channel set state = 'SUSPENDED', breaker_mode = 'FORCED_OPEN', "
                    + "changed_by = 'ops', change_reason = 'SMSC compromised' where id = 'sms'");
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private DataSource plainDataSource() {
        return new DriverManagerDataSource(db.jdbcUrl(), PostgresTestDatabase.username(), PostgresTestDatabase.password());
    }

    /** Connections that run this thread's hooks around the first statement that reads the channel table. */
    private DataSource hooked(DataSource target) {
        InvocationHandler dataSource = (proxy, method, args) -> {
            Object result = call(target, method, args);
            if (result instanceof Connection connection) {
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                        new HookedConnection(connection));
            }
            return result;
        };
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, dataSource);
    }

    private final class HookedConnection implements InvocationHandler {
        private final Connection target;
        private boolean readChannels;

        HookedConnection(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                beforeStatement(sql);
            }
            if (method.getName().equals("close") && readChannels) {
                Object result = call(target, method, args);
                runOnce(afterReadingChannels);
                return result;
            }
            Object result = call(target, method, args);
            if (method.getName().equals("createStatement") && result instanceof Statement statement) {
                // statements without parameters: the SQL comes with execute*(sql)
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                        (p, m, a) -> {
                            if (m.getName().startsWith("execute") && a != null && a.length > 0 && a[0] instanceof String sql) {
                                beforeStatement(sql);
                            }
                            return call(statement, m, a);
                        });
            }
            return result;
        }

        private void beforeStatement(String sql) {
            if (READS_CHANNELS.matcher(sql).matches()) {
                readChannels = true;
                runOnce(beforeReadingChannels);
            }
        }
    }

    private static void runOnce(ThreadLocal<Runnable> hook) {
        Runnable r = hook.get();
        if (r != null) {
            hook.remove();
            r.run();
        }
    }

    private static Object call(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the interleaving did not happen");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
