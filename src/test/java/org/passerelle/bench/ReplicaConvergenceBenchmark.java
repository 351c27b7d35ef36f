package org.passerelle.bench;

import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.OPS;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.PasserelleProcess;
import org.passerelle.testsupport.PostgresTestDatabase;

/**
 * Replica convergence: two Passerelle processes ({@code java -jar}) on one PostgreSQL schema; {@code sms} is
 * suspended and resumed on A, alternately, and each trial times from the request sent to A until B's own API
 * reports the new state with {@code open} changed (B's gate is what that field shows). p50/p99/max over
 * {@code bench.rounds} x 20 trials (quick: 10), after {@value #WARM_UP_TRIALS} untimed ones: the first change after
 * start measured B's first API call (its cold request path, hundreds of ms, after B had already applied the
 * change), not convergence. That first trial is reported on its own row. Writes
 * {@code target/benchmarks/results/ReplicaConvergenceBenchmark.tsv}.
 */
@Tag("benchmark")
class ReplicaConvergenceBenchmark {

    private static final String SECTION = "replica convergence";
    /** Even, so that sms is active again when the timed trials start. */
    private static final int WARM_UP_TRIALS = 10;

    @Test
    void aControlChangeOnOneReplicaIsEnforcedByTheOther() throws Exception {
        BenchResults results = new BenchResults(ReplicaConvergenceBenchmark.class);
        int trials = BenchResults.rounds() * (BenchResults.quick() ? 10 : 20);
        try (PostgresTestDatabase db = PostgresTestDatabase.create("bench_convergence")) {
            List<String> args = new ArrayList<>(db.springArgs());
            args.add("--logging.level.org.passerelle=WARN");
            try (PasserelleProcess a = started("A", args); PasserelleProcess b = started("B", args)) {
                double firstFromAnswer = trial(a.api(), b.api(), true, new ArrayList<>())[1];
                for (int t = 1; t < WARM_UP_TRIALS; t++) {
                    Thread.sleep(100);
                    trial(a.api(), b.api(), t % 2 == 0, new ArrayList<>());
                }
                Thread.sleep(100);
                List<Double> fromAnswer = new ArrayList<>();
                List<Double> fromRequest = new ArrayList<>();
                List<Double> observerCalls = new ArrayList<>();
                for (int t = 0; t < trials; t++) {
                    double[] ms = trial(a.api(), b.api(), t % 2 == 0, observerCalls);
                    fromRequest.add(ms[0]);
                    fromAnswer.add(ms[1]);
                    Thread.sleep(100);
                }
                String what = " of " + trials + " trials, sms suspend/resume answered on A until B shows it";
                results.figure(SECTION, "p50" + what, "-", null, BenchResults.median(fromAnswer), "ms", "lower", "-");
                results.figure(SECTION, "p99" + what, "-", null, BenchResults.percentile(fromAnswer, 99), "ms", "lower", "<=100 ms");
                results.figure(SECTION, "max" + what, "-", null, BenchResults.max(fromAnswer), "ms", "lower", "-");
                results.figure(SECTION, "first change after start, answered on A until B shows it (cold; not in the percentiles)",
                        "-", null, firstFromAnswer, "ms", "lower", "-");
                results.figure(SECTION, "p50, from the request sent to A (A's own answer included)", "-", null,
                        BenchResults.median(fromRequest), "ms", "lower", "-");
                results.figure(SECTION, "p99, from the request sent to A (A's own answer included)", "-", null,
                        BenchResults.percentile(fromRequest, 99), "ms", "lower", "-");
                results.figure(SECTION, "p99 of one GET /api/channels/sms on B (the observer's own share of each trial)", "-", null,
                        BenchResults.percentile(observerCalls, 99), "ms", "lower", "-");
            }
        } catch (Exception | AssertionError e) {
            results.failed(SECTION, "convergence", e);
            throw e;
        }
    }

    private static PasserelleProcess started(String name, List<String> args) {
        PasserelleProcess p = PasserelleProcess.start("bench-replica-" + name, args);
        BenchProcesses.passerelleOnPort(p.port()).ifPresent(h -> BenchProcesses.track(h, "passerelle-replica-" + name));
        return p;
    }

    /**
     * Milliseconds from the request sent to A, and from A's answer (0 when B showed it first), until B shows it.
     * Adds each observing GET's round trip to {@code observerCalls}: a trial can be no shorter than its last one.
     */
    private static double[] trial(Api actor, Api observer, boolean suspend, List<Double> observerCalls) {
        long sent = System.nanoTime();
        ApiResponse r = actor.as(OPS).post("/api/channels/sms/" + (suspend ? "suspend" : "resume"), Api.reason("convergence benchmark"));
        long answered = System.nanoTime();
        if (r.status() != 200) {
            throw new IllegalStateException("change on A: " + r);
        }
        long deadline = sent + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            long asked = System.nanoTime();
            ApiResponse s = observer.as(AUDITOR).get("/api/channels/sms");
            long at = System.nanoTime();
            observerCalls.add((at - asked) / 1e6);
            if (s.status() == 200 && s.json().path("open").asBoolean(suspend) != suspend) {
                return new double[] {(at - sent) / 1e6, Math.max(0, at - answered) / 1e6};
            }
            LockSupport.parkNanos(500_000);
        }
        throw new IllegalStateException("B did not show the change within 10 s");
    }
}
