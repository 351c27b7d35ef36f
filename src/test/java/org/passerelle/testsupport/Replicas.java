package org.passerelle.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.passerelle.testsupport.smsc.TestSmsc;

/**
 * Several Passerelle replicas sharing one fresh PostgreSQL schema, as in production, optionally with the
 * independent test SMSC, for one test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final Replicas replicas = Replicas.onPostgres("two_replica_sms").withSmsc()
 *         .args("--passerelle.sms.poll-interval=50ms").named("A", "B");
 * }</pre>
 *
 * The named replicas start before the class's tests (in order) and stop after them (in reverse), then the
 * SMSC stops and the schema is dropped. {@link #startAnother} adds a replica later (stopped with the rest).
 */
public final class Replicas implements BeforeAllCallback, AfterAllCallback {

    private final PostgresTestDatabase db;
    private final List<String> extraArgs = new ArrayList<>();
    private final List<String> initialNames = new ArrayList<>();
    private final Map<String, PasserelleInstance> running = new LinkedHashMap<>();
    private boolean wantsSmsc;
    private TestSmsc smsc;

    private Replicas(String label) {
        this.db = PostgresTestDatabase.perClass(label);
    }

    public static Replicas onPostgres(String schemaLabel) {
        return new Replicas(schemaLabel);
    }

    /** Starts a {@link TestSmsc} and points every replica at it. */
    public Replicas withSmsc() {
        this.wantsSmsc = true;
        return this;
    }

    /** Command-line arguments given to every replica ({@code --key=value}). */
    public Replicas args(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /** The replicas to start before the tests, in this order. */
    public Replicas named(String... names) {
        initialNames.addAll(List.of(names));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        db.beforeAll(context);
        if (wantsSmsc) {
            smsc = TestSmsc.started();
        }
        initialNames.forEach(this::startAnother);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<PasserelleInstance> stopping = new ArrayList<>(running.values());
        java.util.Collections.reverse(stopping);
        stopping.forEach(PasserelleInstance::close);
        running.clear();
        if (smsc != null) {
            smsc.close();
        }
        db.afterAll(context);
    }

    /** Starts one more replica on the same schema (and SMSC) with the same arguments. */
    public PasserelleInstance startAnother(String name) {
        PasserelleInstance replica = PasserelleInstance.start(name, args());
        running.put(name, replica);
        return replica;
    }

    public PasserelleInstance get(String name) {
        PasserelleInstance replica = running.get(name);
        if (replica == null) {
            throw new IllegalArgumentException("No replica " + name + " running (running: " + running.keySet() + ")");
        }
        return replica;
    }

    /** The arguments every replica gets: the shared schema, the SMSC if any, then the class's own. */
    public List<String> args() {
        List<String> all = new ArrayList<>(db.springArgs());
        if (smsc != null) {
            all.add("--passerelle.sms.smsc.port=" + smsc.port());
            all.add("--passerelle.sms.smsc.password=" + TestSmsc.DEFAULT_PASSWORD);
        }
        all.addAll(extraArgs);
        return all;
    }

    public TestSmsc smsc() {
        if (smsc == null) {
            throw new IllegalStateException("No SMSC: register the extension withSmsc()");
        }
        return smsc;
    }

    public PostgresTestDatabase db() {
        return db;
    }
}
