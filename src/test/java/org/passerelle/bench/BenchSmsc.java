package org.passerelle.bench;

import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.LoggingOptions;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmarks' own SMSC, independent of every sender measured (Passerelle, the plain client, Kannel): a
 * Cloudhopper SMPP server on 127.0.0.1 that accepts any bind, answers each submit_sm after a configurable delay
 * without holding up the others (the answer is scheduled, the I/O thread goes on reading), sends no receipts, and
 * records the arrival time of every submit. Rates are measured here, where an operator would see them.
 */
final class BenchSmsc implements AutoCloseable {

    private final ScheduledExecutorService responder = Executors.newScheduledThreadPool(2, new DefaultThreadFactory("bench-smsc-respond", true));
    private final NioEventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("bench-smsc-boss", true));
    private final NioEventLoopGroup workers = new NioEventLoopGroup(2, new DefaultThreadFactory("bench-smsc-io", true));
    private final AtomicLong messageIds = new AtomicLong(1);
    private final DefaultSmppServer server;
    private final int port;
    private volatile long delayMillis;
    private long[] arrivals = new long[1 << 16];
    private int count;

    private BenchSmsc() throws Exception {
        port = freePort();
        SmppServerConfiguration config = new SmppServerConfiguration();
        config.setName("BenchSmsc");
        config.setHost("127.0.0.1");
        config.setPort(port);
        config.setSystemId("BENCH");
        config.setNonBlockingSocketsEnabled(true);
        config.setReuseAddress(true);
        config.setMaxConnectionSize(20);
        config.setBindTimeout(5_000);
        config.setDefaultWindowSize(100);
        config.setDefaultSessionCountersEnabled(false);
        config.setJmxEnabled(false);
        server = new DefaultSmppServer(config, new Handler(), responder, boss, workers);
        server.start();
    }

    static BenchSmsc started() {
        try {
            return new BenchSmsc();
        } catch (Exception e) {
            throw new IllegalStateException("bench SMSC did not start", e);
        }
    }

    int port() {
        return port;
    }

    /** How long each submit_sm waits for its submit_sm_resp (0: answered at once). */
    BenchSmsc delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /**
     * Stops listening and drops every session: a sender queues what it is given meanwhile (this is how Kannel's
     * store is filled before a measurement; bearerbox's {@code suspend} also stops smsbox's sendsms).
     */
    void stopListening() {
        server.stop();
    }

    void startListening() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("bench SMSC cannot listen again on " + port, e);
        }
    }

    synchronized int count() {
        return count;
    }

    /** Submits that arrived at or after {@code nanoTime}. */
    synchronized int countSince(long nanoTime) {
        int n = 0;
        for (int i = count - 1; i >= 0 && arrivals[i] >= nanoTime; i--) {
            n++;
        }
        return n;
    }

    /** Arrival times ({@link System#nanoTime()}) of every submit so far, in order. */
    synchronized long[] arrivals() {
        return Arrays.copyOf(arrivals, count);
    }

    synchronized void reset() {
        count = 0;
    }

    /** Waits until {@code n} submits arrived, or until nothing arrived for {@code quietMillis}, or {@code maxMillis}. */
    int awaitCount(int n, long quietMillis, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        int last = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = count();
            if (now >= n) {
                return now;
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > quietMillis * 1_000_000) {
                return now;
            }
            Thread.sleep(10);
        }
        return count();
    }

    @Override
    public void close() {
        server.destroy();
        responder.shutdownNow();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private synchronized void record(long at) {
        if (count == arrivals.length) {
            arrivals = Arrays.copyOf(arrivals, count * 2);
        }
        arrivals[count++] = at;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private final class Handler implements SmppServerHandler {
        @Override
        public void sessionBindRequested(Long sessionId, SmppSessionConfiguration config, BaseBind bindRequest) {
            LoggingOptions quiet = new LoggingOptions();
            quiet.setLogPdu(false);
            quiet.setLogBytes(false);
            config.setLoggingOptions(quiet);
        }

        @Override
        public void sessionCreated(Long sessionId, SmppServerSession session, BaseBindResp preparedBindResponse) {
            session.serverReady(new Session(session));
        }

        @Override
        public void sessionDestroyed(Long sessionId, SmppServerSession session) {
            session.destroy();
        }
    }

    private final class Session extends DefaultSmppSessionHandler {
        private final SmppServerSession session;

        Session(SmppServerSession session) {
            this.session = session;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public PduResponse firePduRequestReceived(PduRequest request) {
            if (!(request instanceof SubmitSm sm)) {
                return request.createResponse();
            }
            record(System.nanoTime());
            SubmitSmResp resp = sm.createResponse();
            resp.setMessageId(Long.toHexString(messageIds.getAndIncrement()));
            long delay = delayMillis;
            if (delay <= 0) {
                return resp;
            }
            responder.schedule(() -> {
                try {
                    session.sendResponsePdu(resp);
                } catch (Exception e) {
                    // the ESME went away before its answer: nothing to count
                }
            }, delay, TimeUnit.MILLISECONDS);
            return null;
        }
    }
}
