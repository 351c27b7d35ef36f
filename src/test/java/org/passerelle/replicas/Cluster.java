package org.passerelle.replicas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.PasserelleProcess;

/**
 * Several Passerelle processes ({@code java -jar}) with the same arguments, as replicas behind a Kubernetes Service:
 * {@link #call} sends each request to the next replica in service, and to the next one again when a replica does
 * not answer (as a client retries through the Service). A replica leaves the rotation before it is stopped, as a
 * terminating pod leaves its Service's endpoints, and comes back once it is ready again.
 */
final class Cluster implements AutoCloseable {

    /** C1 only: a third faster to start on two loaded cores; nothing here measures throughput. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private final List<PasserelleProcess> replicas;
    private final List<PasserelleProcess> inService;
    private final AtomicInteger next = new AtomicInteger();
    private final List<List<Integer>> readinessWhileStopping = new ArrayList<>();

    private Cluster(List<PasserelleProcess> replicas) {
        this.replicas = List.copyOf(replicas);
        this.inService = new CopyOnWriteArrayList<>(replicas);
    }

    /**
     * Starts {@code names.size()} processes at the same moment (each launch waits on one latch) and returns once
     * every one is ready; one that fails to start fails the whole start, after the others are killed.
     */
    static Cluster startTogether(String run, List<String> names, List<String> args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(names.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PasserelleProcess>> starting = new ArrayList<>();
        try {
            for (String name : names) {
                starting.add(pool.submit(() -> {
                    go.await();
                    return PasserelleProcess.start(run + "-" + name, JVM_OPTIONS, args);
                }));
            }
            go.countDown();
            List<PasserelleProcess> started = new ArrayList<>();
            Exception failure = null;
            for (Future<PasserelleProcess> f : starting) {
                try {
                    started.add(f.get());
                } catch (Exception e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                started.forEach(PasserelleProcess::close);
                throw failure;
            }
            return new Cluster(started);
        } finally {
            pool.shutdownNow();
        }
    }

    List<PasserelleProcess> replicas() {
        return replicas;
    }

    PasserelleProcess get(int i) {
        return replicas.get(i);
    }

    /**
     * Sends {@code request} to the replicas in service in turn, until one answers something other than a 503 or
     * nothing; tries for up to 30 s (a rolling restart may leave a moment with fewer replicas).
     */
    ApiResponse call(Function<Api, ApiResponse> request) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        RuntimeException last = null;
        ApiResponse unavailable = null;
        while (System.nanoTime() < deadline) {
            List<PasserelleProcess> now = List.copyOf(inService);
            if (!now.isEmpty()) {
                PasserelleProcess replica = now.get(Math.floorMod(next.getAndIncrement(), now.size()));
                try {
                    ApiResponse r = request.apply(replica.api());
                    if (r.status() != 503) {
                        return r;
                    }
                    unavailable = r;
                } catch (RuntimeException e) {
                    last = e; // connection refused or reset: the replica is stopping
                }
            }
            sleep(50);
        }
        if (unavailable != null) {
            return unavailable;
        }
        throw new IllegalStateException("no replica answered within 30 s", last);
    }

    /**
     * Stops each replica in turn gracefully (SIGTERM) and starts it again, waiting for readiness before the next;
     * returns how long each stop and each start took.
     */
    List<String> rollingRestart() {
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < replicas.size(); i++) {
            PasserelleProcess replica = replicas.get(i);
            inService.remove(replica);
            long t0 = System.nanoTime();
            replica.beginStop();
            List<Integer> readiness = readinessUntilClosed(replica);
            replica.awaitStopped();
            long stopped = System.nanoTime();
            Duration start = replica.restart();
            inService.add(replica);
            readinessWhileStopping.add(readiness);
            steps.add(String.format(java.util.Locale.ROOT, "replica %d stopped in %.1f s (readiness meanwhile %s), ready again %.1f s later",
                    i, (stopped - t0) / 1e9, readiness, start.toMillis() / 1e3));
        }
        return steps;
    }

    /** The readiness answers seen during each stop of the last rolling restart, each distinct answer once, in order. */
    List<List<Integer>> readinessWhileStopping() {
        return readinessWhileStopping;
    }

    /** Polls readiness every 20 ms from SIGTERM until the port closes (-1): 200 → 503 → -1 if it stops in order. */
    private static List<Integer> readinessUntilClosed(PasserelleProcess replica) {
        List<Integer> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            int status = replica.readiness();
            if (seen.isEmpty() || seen.get(seen.size() - 1) != status) {
                seen.add(status);
            }
            if (status == -1) {
                break;
            }
            sleep(20);
        }
        return seen;
    }

    /** Stops every replica gracefully, all at once. */
    @Override
    public void close() {
        List<Thread> stopping = new ArrayList<>();
        for (PasserelleProcess p : replicas) {
            Thread t = new Thread(() -> {
                if (p.isAlive()) {
                    p.stop();
                }
            });
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join(Duration.ofSeconds(90).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        replicas.forEach(PasserelleProcess::close);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
