package org.passerelle.scheduling.hl7.mllp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of the component's MLLP listeners: admits or refuses each accepted connection (allowlist, then
 * the connection limit), keeps the connections open, and closes those past their idle or read deadline
 * (a watchdog thread, so a sender trickling bytes outside frames or stalling a TLS handshake is closed too).
 *
 * <p>Meters: {@code passerelle.hl7.connections.open} (gauge), {@code passerelle.hl7.connections.max},
 * {@code passerelle.hl7.connections.refused{reason=limit|not-allowed}},
 * {@code passerelle.hl7.connections.closed{reason=idle|read-timeout}} and {@code passerelle.hl7.frames.too-long}.
 * Log lines name the sender's address and the reason, never anything it sent; refusals are logged at most
 * once a second per reason, with how many were not logged.
 */
final class ListenerGuard {

    static final String LIMIT = "limit";
    static final String NOT_ALLOWED = "not-allowed";

    private static final Logger log = LoggerFactory.getLogger(ListenerGuard.class);

    private final ListenerLimits limits;
    private final Set<FrameAlignedSocket> open = ConcurrentHashMap.newKeySet();
    private final Set<ServerSocket> listeners = ConcurrentHashMap.newKeySet();
    private final Counter refusedAtLimit;
    private final Counter refusedNotAllowed;
    private final Counter closedIdle;
    private final Counter closedReadTimeout;
    private final Counter framesTooLong;
    private final AtomicLong lastLimitLog = new AtomicLong();
    private final AtomicLong unloggedLimit = new AtomicLong();
    private final AtomicLong lastNotAllowedLog = new AtomicLong();
    private final AtomicLong unloggedNotAllowed = new AtomicLong();
    private ScheduledExecutorService watchdog;

    ListenerGuard(ListenerLimits limits, MeterRegistry meters) {
        this.limits = limits;
        Gauge.builder("passerelle.hl7.connections.open", this, g -> g.openConnections())
                .description("MLLP connections open").register(meters);
        Gauge.builder("passerelle.hl7.connections.max", limits, ListenerLimits::maxConnections)
                .description("MLLP connections allowed at once").register(meters);
        refusedAtLimit = refused(meters, LIMIT);
        refusedNotAllowed = refused(meters, NOT_ALLOWED);
        closedIdle = closed(meters, "idle");
        closedReadTimeout = closed(meters, "read-timeout");
        framesTooLong = Counter.builder("passerelle.hl7.frames.too-long")
                .description("MLLP frames longer than the limit, answered without being kept").register(meters);
    }

    private static Counter refused(MeterRegistry meters, String reason) {
        return Counter.builder("passerelle.hl7.connections.refused").tag("reason", reason)
                .description("MLLP connections closed on accept").register(meters);
    }

    private static Counter closed(MeterRegistry meters, String reason) {
        return Counter.builder("passerelle.hl7.connections.closed").tag("reason", reason)
                .description("MLLP connections closed by Passerelle for a timeout").register(meters);
    }

    ListenerLimits limits() {
        return limits;
    }

    /**
     * Called on the accept thread for every connection: the connection wrapped and counted, or null when it was
     * refused (then already closed, nothing read from it).
     */
    FrameAlignedSocket admit(Socket socket) {
        InetAddress sender = socket.getInetAddress();
        if (!limits.allowedSenders().accepts(sender)) {
            refuse(socket, refusedNotAllowed, lastNotAllowedLog, unloggedNotAllowed,
                    "not in passerelle.hl7.allowed-senders");
            return null;
        }
        open.removeIf(FrameAlignedSocket::isClosed);
        if (open.size() >= limits.maxConnections()) {
            refuse(socket, refusedAtLimit, lastLimitLog, unloggedLimit,
                    "limit of " + limits.maxConnections() + " open connections reached (passerelle.hl7.max-connections)");
            return null;
        }
        FrameAlignedSocket admitted = new FrameAlignedSocket(socket, this);
        open.add(admitted);
        return admitted;
    }

    private void refuse(Socket socket, Counter counter, AtomicLong lastLog, AtomicLong unlogged, String why) {
        try {
            socket.close();
        } catch (Exception ignored) {
            // closing is all we do with it
        }
        counter.increment();
        long now = System.currentTimeMillis();
        long last = lastLog.get();
        if (now - last >= 1000 && lastLog.compareAndSet(last, now)) {
            long skipped = unlogged.getAndSet(0);
            log.warn("MLLP connection from {} refused: {}{}", socket.getInetAddress(), why,
                    skipped > 0 ? " (" + skipped + " more refused for this reason since the last line)" : "");
        } else {
            unlogged.incrementAndGet();
        }
    }

    void closed(FrameAlignedSocket socket) {
        open.remove(socket);
    }

    void frameTooLong(FrameAlignedSocket socket) {
        framesTooLong.increment();
        log.warn("MLLP {}: frame longer than {} bytes (passerelle.hl7.max-frame-size): rest dropped, answered AE",
                socket.getRemoteSocketAddress(), limits.maxFrameBytes());
    }

    int openConnections() {
        open.removeIf(FrameAlignedSocket::isClosed);
        return open.size();
    }

    void listening(ServerSocket serverSocket) {
        listeners.removeIf(ServerSocket::isClosed);
        listeners.add(serverSocket);
    }

    ListenerStatus status() {
        boolean listening = listeners.stream().anyMatch(s -> s.isBound() && !s.isClosed());
        return new ListenerStatus(listening, openConnections(), limits.maxConnections());
    }

    synchronized void start() {
        if (watchdog != null) {
            return;
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mllp-connection-watchdog");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(10, Math.min(1000, Math.min(limits.idleTimeoutMillis(), limits.readTimeoutMillis()) / 10));
        watchdog.scheduleWithFixedDelay(this::closeOverdue, tick, tick, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (watchdog != null) {
            watchdog.shutdownNow();
            watchdog = null;
        }
    }

    private void closeOverdue() {
        long now = System.nanoTime();
        for (FrameAlignedSocket s : open) {
            try {
                switch (s.overdue(now)) {
                    case IDLE -> {
                        closedIdle.increment();
                        log.info("MLLP {}: closed, idle for {} ms (passerelle.hl7.idle-timeout)",
                                s.getRemoteSocketAddress(), limits.idleTimeoutMillis());
                        s.close();
                    }
                    case READ -> {
                        closedReadTimeout.increment();
                        log.warn("MLLP {}: closed, frame incomplete after {} ms without data (passerelle.hl7.read-timeout);"
                                + " nothing of it is kept", s.getRemoteSocketAddress(), limits.readTimeoutMillis());
                        s.reset();
                    }
                    case NO -> {
                        if (s.isClosed()) {
                            open.remove(s);
                        }
                    }
                }
            } catch (Exception e) {
                log.warn("MLLP {}: closing an overdue connection failed ({})", s.getRemoteSocketAddress(),
                        e.getClass().getName());
            }
        }
    }
}
