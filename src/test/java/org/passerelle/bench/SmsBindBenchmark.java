package org.passerelle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * SMS on one bind, side by side: Passerelle (the real jar on PostgreSQL), a plain SMPP client and Kannel, all
 * against the same {@link BenchSmsc}, which counts submits as they arrive. Writes
 * {@code target/benchmarks/results/SmsBindBenchmark.tsv}; run through {@code bench/run} (see docs/benchmarks.md).
 *
 * <ol>
 *   <li>submits/s with the SMSC answering at once and 50 ms later, window {@value #WINDOW}, rate limits out of the
 *   way, median of {@code bench.rounds};</li>
 *   <li>kill switch: a backlog flowing at {@value #RATE}/s, then suspend; submits that reach the SMSC after the
 *   suspend call returned (Passerelle's ops API against bearerbox's admin {@code /suspend});</li>
 *   <li>backlog drain after resume, {@value #RATE}/s configured on both, the SMSC answering after 50 ms: time and
 *   how far the per-second counts at the SMSC stray from the configured rate; resident memory (and Passerelle's
 *   heap) sampled during it; start-to-ready of every Passerelle and Kannel start.</li>
 * </ol>
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmsBindBenchmark {

    static final int WINDOW = 10;
    static final int RATE = 100;
    private static final String SMS = "SMS, one bind";
    private static final String KILL = "kill switch";
    private static final String DRAIN = "backlog drain";
    private static final String FOOTPRINT = "footprint";

    private static final boolean QUICK = BenchResults.quick();
    private static final int ROUNDS = BenchResults.rounds();
    private static final int BURST_FAST = QUICK ? 1_000 : 3_000;
    private static final int BURST_SLOW = QUICK ? 300 : 1_000;
    private static final long SENDER_CAP_MS = QUICK ? 10_000 : 20_000;
    private static final int KILL_BACKLOG = 1_000;
    private static final int DRAIN_BACKLOG = Integer.getInteger("bench.drain", QUICK ? 2_000 : 10_000);
    private static final long DRAIN_CAP_MS = QUICK ? 40_000 : 240_000;

    private static BenchResults results;
    private static BenchSmsc smsc;
    private static final List<Double> passerelleStarts = new ArrayList<>();
    private static final List<Double> kannelStarts = new ArrayList<>();

    @BeforeAll
    static void start() {
        results = new BenchResults(SmsBindBenchmark.class);
        smsc = BenchSmsc.started();
    }

    @AfterAll
    static void stop() {
        if (!passerelleStarts.isEmpty()) {
            results.figure(FOOTPRINT, "start to ready (java -jar until readiness UP; Kannel: until bound and sendsms listening)",
                    kannelStarts.isEmpty() ? "-" : "Kannel", kannelStarts.isEmpty() ? null : BenchResults.median(kannelStarts),
                    BenchResults.median(passerelleStarts), "s", "lower", "-");
        }
        smsc.close();
    }

    @Test
    @Order(1)
    void submitsPerSecondOnOneBind() throws Exception {
        try {
            measureSubmitsPerSecond();
        } catch (Exception | AssertionError e) {
            results.failed(SMS, "submits/s on one bind", e);
            throw e;
        }
    }

    private void measureSubmitsPerSecond() throws Exception {
        Map<Long, Map<String, List<Double>>> rates = new LinkedHashMap<>();
        for (long delay : new long[] {0, 50}) {
            Map<String, List<Double>> byDelay = new LinkedHashMap<>();
            byDelay.put("plain", new ArrayList<>());
            byDelay.put("kannel", new ArrayList<>());
            byDelay.put("passerelle", new ArrayList<>());
            rates.put(delay, byDelay);
        }
        for (long delay : rates.keySet()) {
            smsc.delay(delay);
            int n = delay == 0 ? BURST_FAST : BURST_SLOW;
            for (int r = 0; r < ROUNDS; r++) {
                smsc.reset();
                PlainSmppClient.submit(smsc.port(), WINDOW, n);
                rates.get(delay).get("plain").add(rate(smsc.arrivals(), 0));
            }
        }
        if (Kannel.installed()) {
            try (Kannel kannel = startKannel(0)) {
                for (long delay : rates.keySet()) {
                    smsc.delay(delay);
                    int n = delay == 0 ? BURST_FAST : BURST_SLOW;
                    for (int r = 0; r < ROUNDS; r++) {
                        smsc.stopListening();
                        kannel.awaitUnbound();
                        kannel.sendsms(n);
                        smsc.reset();
                        smsc.startListening();
                        smsc.awaitCount(n, 10_000, 120_000);
                        rates.get(delay).get("kannel").add(rate(smsc.arrivals(), 0));
                    }
                }
            }
        }
        smsc.delay(0);
        try (PasserelleSender passerelle = PasserelleSender.start("throughput", smsc.port(), 10_000)) {
            passerelleStarts.add(passerelle.startToReady().toMillis() / 1000.0);
            // warm-up: one small drain so the first measured round does not pay for class loading and JIT
            passerelle.backlog(200);
            smsc.reset();
            passerelle.resume();
            smsc.awaitCount(200, 10_000, 60_000);
            passerelle.suspend();
            for (long delay : rates.keySet()) {
                smsc.delay(delay);
                int n = delay == 0 ? BURST_FAST : BURST_SLOW;
                for (int r = 0; r < ROUNDS; r++) {
                    passerelle.backlog(n);
                    smsc.reset();
                    long t0 = System.nanoTime();
                    passerelle.resume();
                    smsc.awaitCount(n, 10_000, SENDER_CAP_MS);
                    passerelle.suspend();
                    dumpArrivals("passerelle-" + delay + "ms-" + r, smsc.arrivals(), t0);
                    rates.get(delay).get("passerelle").add(rate(smsc.arrivals(), t0 + SENDER_CAP_MS * 1_000_000));
                }
            }
        }
        for (var e : rates.entrySet()) {
            String metric = "submits/s, SMSC answers after " + e.getKey() + " ms, window " + WINDOW;
            double passerelle = BenchResults.median(e.getValue().get("passerelle"));
            results.figure(SMS, metric, "plain SMPP client", BenchResults.median(e.getValue().get("plain")), passerelle, "/s", "higher", "-");
            if (Kannel.installed()) {
                results.figure(SMS, metric, "Kannel", BenchResults.median(e.getValue().get("kannel")), passerelle, "/s", "higher", ">=1.0x");
            } else {
                results.figure(SMS, metric + " (Kannel not installed)", "-", null, passerelle, "/s", "higher", ">=1.0x Kannel");
            }
        }
    }

    @Test
    @Order(2)
    void killSwitchAndBacklogDrain() throws Exception {
        try {
            measureKillSwitchAndDrain();
        } catch (Exception | AssertionError e) {
            results.failed(KILL + " / " + DRAIN, "kill switch, drain, footprint", e);
            throw e;
        }
    }

    private void measureKillSwitchAndDrain() throws Exception {
        smsc.delay(0);
        List<Double> passerelleAfter = new ArrayList<>();
        List<Double> kannelAfter = new ArrayList<>();
        List<Double> passerelleSuspendMs = new ArrayList<>();
        List<Double> kannelSuspendMs = new ArrayList<>();
        for (int r = 0; r < ROUNDS && Kannel.installed(); r++) {
            try (Kannel kannel = prefilledKannel(KILL_BACKLOG)) {
                smsc.awaitCount(2 * RATE, 10_000, 30_000);
                long t0 = System.nanoTime();
                kannel.suspend();
                long returned = System.nanoTime();
                Thread.sleep(3_000);
                kannelAfter.add((double) smsc.countSince(returned));
                kannelSuspendMs.add((returned - t0) / 1e6);
            }
        }
        try (PasserelleSender passerelle = PasserelleSender.start("drain", smsc.port(), RATE)) {
            passerelleStarts.add(passerelle.startToReady().toMillis() / 1000.0);
            for (int r = 0; r < ROUNDS; r++) {
                passerelle.backlog(KILL_BACKLOG);
                smsc.reset();
                passerelle.resume();
                smsc.awaitCount(2 * RATE, 10_000, 30_000);
                long t0 = System.nanoTime();
                passerelle.suspend();
                long returned = System.nanoTime();
                Thread.sleep(3_000);
                passerelleAfter.add((double) smsc.countSince(returned));
                passerelleSuspendMs.add((returned - t0) / 1e6);
            }
            results.figure(KILL, "submits at the SMSC after suspend returned, backlog " + KILL_BACKLOG + " at " + RATE
                    + "/s (max of " + ROUNDS + " rounds)", Kannel.installed() ? "Kannel admin /suspend" : "-",
                    Kannel.installed() ? BenchResults.max(kannelAfter) : null, BenchResults.max(passerelleAfter), "submits", "lower", "0");
            results.figure(KILL, "suspend call, request to answer (median)", Kannel.installed() ? "Kannel admin /suspend" : "-",
                    Kannel.installed() ? BenchResults.median(kannelSuspendMs) : null, BenchResults.median(passerelleSuspendMs), "ms", "lower", "-");

            smsc.delay(50);
            Drain kannelDrain = null;
            if (Kannel.installed()) {
                long t0;
                try (Kannel kannel = prefilledKannel(DRAIN_BACKLOG)) {
                    t0 = lastListening;
                    kannelDrain = drain(t0, () -> kannel.rssMib(), null);
                }
            }
            passerelle.backlog(DRAIN_BACKLOG);
            smsc.reset();
            long t0 = System.nanoTime();
            passerelle.resume();
            long pid = passerelle.pid();
            Drain p = drain(t0, () -> BenchProcesses.rssMib(pid), passerelle::heapUsedMib);
            passerelle.suspend();
            String what = DRAIN_BACKLOG + " reminders, " + RATE + "/s configured, SMSC answers after 50 ms";
            results.figure(DRAIN, "time to drain " + what + (p.complete ? "" : " (projected from " + p.sent + " sent in "
                    + Math.round(p.seconds) + " s)"), kannelDrain == null ? "-" : "Kannel", kannelDrain == null ? null : kannelDrain.projectedSeconds(),
                    p.projectedSeconds(), "s", "lower", "<=" + Math.round(DRAIN_BACKLOG * 1.05 / RATE) + " s");
            results.figure(DRAIN, "mean rate vs configured " + RATE + "/s, deviation", kannelDrain == null ? "-" : "Kannel",
                    kannelDrain == null ? null : kannelDrain.meanDeviationPercent(), p.meanDeviationPercent(), "%", "lower", "<=5 %");
            results.figure(DRAIN, "per-second counts at the SMSC vs configured, p95 of the absolute deviation", kannelDrain == null ? "-" : "Kannel",
                    kannelDrain == null ? null : kannelDrain.p95DeviationPercent(), p.p95DeviationPercent(), "%", "lower", "<=5 %");
            results.figure(FOOTPRINT, "resident memory (RSS) during the drain at " + RATE + "/s", kannelDrain == null ? "-" : "Kannel bearerbox+smsbox",
                    kannelDrain == null ? null : kannelDrain.rssMib, p.rssMib, "MiB", "lower", "-");
            results.figure(FOOTPRINT, "heap used during the drain (actuator jvm.memory.used, area heap; -Xmx512m)", "-", null, p.heapMib, "MiB", "lower", "-");
        }
    }

    private static long lastListening;

    /**
     * A Kannel at {@value #RATE}/s holding {@code n} messages, released at once: they are put in through sendsms
     * while the SMSC is not listening (bearerbox keeps them in its store), then the SMSC listens again and Kannel
     * binds within its 1 s reconnect delay. The SMSC count is reset just before.
     */
    private Kannel prefilledKannel(int n) throws Exception {
        smsc.stopListening();
        Kannel k = Kannel.start(smsc.port(), WINDOW, RATE, false);
        try {
            k.sendsms(n);
        } catch (Exception e) {
            smsc.startListening();
            k.close();
            throw e;
        }
        smsc.reset();
        lastListening = System.nanoTime();
        smsc.startListening();
        return k;
    }

    private Kannel startKannel(double throughput) throws Exception {
        long t0 = System.nanoTime();
        Kannel k = Kannel.start(smsc.port(), WINDOW, throughput);
        kannelStarts.add((System.nanoTime() - t0) / 1e9);
        return k;
    }

    interface Sample {
        double get() throws Exception;
    }

    /** Waits for the drain (or the cap), sampling memory half-way through the expected time. */
    private Drain drain(long t0, Sample rss, Sample heap) throws Exception {
        long expectedMs = DRAIN_BACKLOG * 1000L / RATE;
        long sampleAt = t0 + Math.min(expectedMs, DRAIN_CAP_MS) / 2 * 1_000_000;
        while (System.nanoTime() < sampleAt && smsc.count() < DRAIN_BACKLOG) {
            Thread.sleep(50);
        }
        double rssMib = rss.get();
        double heapMib = heap == null ? Double.NaN : heap.get();
        long remaining = Math.max(0, DRAIN_CAP_MS - (System.nanoTime() - t0) / 1_000_000);
        smsc.awaitCount(DRAIN_BACKLOG, 15_000, remaining);
        long[] at = smsc.arrivals();
        int sent = Math.min(at.length, DRAIN_BACKLOG);
        double seconds = sent == 0 ? Double.NaN : (at[sent - 1] - t0) / 1e9;
        return new Drain(sent >= DRAIN_BACKLOG, sent, seconds, perSecond(at, sent), rssMib, heapMib);
    }

    /** Counts per whole second from the first arrival, the last partial second left out. */
    private static List<Integer> perSecond(long[] at, int n) {
        List<Integer> counts = new ArrayList<>();
        if (n == 0) {
            return counts;
        }
        long first = at[0];
        int buckets = (int) ((at[n - 1] - first) / 1_000_000_000L);
        for (int b = 0; b < buckets; b++) {
            counts.add(0);
        }
        for (int i = 0; i < n; i++) {
            int b = (int) ((at[i] - first) / 1_000_000_000L);
            if (b < buckets) {
                counts.set(b, counts.get(b) + 1);
            }
        }
        return counts;
    }

    record Drain(boolean complete, int sent, double seconds, List<Integer> perSecond, double rssMib, double heapMib) {
        double projectedSeconds() {
            return complete ? seconds : DRAIN_BACKLOG / (sent / seconds);
        }

        double meanDeviationPercent() {
            return Math.abs(sent / seconds - RATE) * 100.0 / RATE;
        }

        double p95DeviationPercent() {
            List<Double> dev = perSecond.stream().map(c -> Math.abs(c - RATE) * 100.0 / RATE).toList();
            return dev.isEmpty() ? Double.NaN : BenchResults.percentile(dev, 95);
        }
    }

    /**
     * With {@code -Dbench.arrivals=<dir>}: the SMSC-side arrival times of a round, in ms from {@code t0}, one per
     * line, to see where the window empties (with a fixed answer delay d, submits outstanding at t = arrivals in
     * (t - d, t]).
     */
    private static void dumpArrivals(String name, long[] arrivals, long t0) throws java.io.IOException {
        String dir = System.getProperty("bench.arrivals", "").trim();
        if (dir.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        for (long a : arrivals) {
            out.append(String.format(java.util.Locale.ROOT, "%.3f%n", (a - t0) / 1e6));
        }
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
        java.nio.file.Files.writeString(java.nio.file.Path.of(dir, name + ".txt"), out);
    }

    /**
     * Submits per second in the steady part: the first tenth of the arrivals (bind, warm-up, the first window
     * filling) is left out, and so is anything after {@code untilNanos} (0: no cap).
     */
    static double rate(long[] arrivals, long untilNanos) {
        int n = arrivals.length;
        if (untilNanos > 0) {
            while (n > 0 && arrivals[n - 1] > untilNanos) {
                n--;
            }
        }
        assertThat(n).as("submits that reached the SMSC").isGreaterThan(10);
        int from = n / 10;
        return (n - 1 - from) / ((arrivals[n - 1] - arrivals[from]) / 1e9);
    }
}
