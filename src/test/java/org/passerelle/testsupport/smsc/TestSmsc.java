package org.passerelle.testsupport.smsc;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.commons.util.windowing.WindowFuture;
import com.cloudhopper.smpp.PduAsyncResponse;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.pdu.Unbind;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.LoggingOptions;
import com.cloudhopper.smpp.type.RecoverablePduException;
import com.cloudhopper.smpp.type.SmppChannelException;
import com.cloudhopper.smpp.type.SmppProcessingException;
import com.cloudhopper.smpp.type.UnrecoverablePduException;
import com.cloudhopper.smpp.util.TlvUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An independent SMSC for tests: a real SMPP 3.4 server (Cloudhopper ch-smpp on Netty) listening
 * on 127.0.0.1, so the code under test talks to it through camel-smpp/jSMPP exactly as it would
 * talk to an operator's SMSC.
 *
 * <h2>Life cycle</h2>
 * <pre>{@code
 * TestSmsc smsc = new TestSmsc().start();   // or TestSmsc.started()
 * String uri = "smpp://passerelle@127.0.0.1:" + smsc.port() + "?password=secret";
 * ...
 * smsc.crash();    // sockets reset, server socket gone, no unbind: like kill -9
 * smsc.restart();  // same port, same recorded state, queued receipts kept
 * smsc.close();    // stop + release threads (use in @AfterAll / try-with-resources)
 * }</pre>
 * The first {@link #start()} picks a free port; every later start (or {@link #restart()}) binds the
 * same port again. Recorded submits, counters, the response plan and undelivered receipts survive
 * stop/crash/restart (a real SMSC keeps its store); {@link #reset()} clears them.
 *
 * <h2>Binds</h2>
 * bind_transmitter, bind_receiver and bind_transceiver are accepted with system id
 * {@value #DEFAULT_SYSTEM_ID} and password {@value #DEFAULT_PASSWORD} (see {@link #credentials});
 * a wrong system id or password gets ESME_RINVPASWD (0x0E), and the connection is closed a second
 * later (see {@link #closeImmediatelyOnBindRefusal(boolean)}). {@link #refuseBinds(int)} makes every
 * bind fail with a given status. enquire_link is always answered; unbind is answered and the
 * session closed; other requests get ESME_RINVCMDID. {@link #bindRequestCount()} and
 * {@link #enquireLinkCount()} count what arrived, {@link #boundSessions()} what is open.
 *
 * <h2>Submits</h2>
 * Every submit_sm on a TX/TRX session is recorded as a {@link ReceivedSubmit} (submit_sm on an RX
 * session gets ESME_RINVBNDSTS and is not recorded). The answer follows the response plan: status 0
 * and a fresh message id by default; see {@link #respondWith(int)}, {@link #respondWith(int, int)},
 * {@link #dropResponses(boolean)}, {@link #throttleAfter(int)}. {@link #responseDelay(Duration)} sends
 * each submit_sm_resp that much later, as an operator's round trip does, without holding back the
 * submits behind it; {@link #maxOutstandingSubmits()} is the most submits received and not yet
 * answered at one moment (the ESME's window as the SMSC sees it).
 *
 * <h2>deliver_sm: receipts and MO</h2>
 * An accepted submit that asks for a receipt (registered_delivery bit 0x01) gets, after
 * {@link #receiptDelay(Duration)} (50 ms by default), a receipt deliver_sm (esm_class 0x04) on a
 * bound RX/TRX session, chosen round-robin. {@link #sendMo} sends mobile-originated messages the
 * same way. With no receiver bound (or while {@link #holdDeliveries(boolean) held}), deliver_sm are queued and sent
 * when one binds; one the ESME
 * does not acknowledge with deliver_sm_resp status 0 (or does not answer within 5 s) is sent again
 * after 500 ms, up to 10 attempts.
 *
 * <h2>Logging</h2>
 * Message text and phone numbers are never logged: this class logs only at DEBUG, message ids,
 * sequence numbers and statuses, and turns Cloudhopper's PDU dumps off.
 */
public final class TestSmsc implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestSmsc.class);

    public static final String DEFAULT_SYSTEM_ID = "passerelle";
    public static final String DEFAULT_PASSWORD = "secret";
    /** system_id the SMSC returns in bind responses. */
    public static final String SMSC_SYSTEM_ID = "TestSmsc";

    public static final int ESME_ROK = 0x00;
    public static final int ESME_RINVBNDSTS = 0x04;
    public static final int ESME_RSYSERR = 0x08;
    public static final int ESME_RINVDSTADR = 0x0B;
    public static final int ESME_RBINDFAIL = 0x0D;
    public static final int ESME_RINVPASWD = 0x0E;
    public static final int ESME_RMSGQFUL = 0x14;
    public static final int ESME_RTHROTTLED = 0x58;

    /** Message ids are unique JVM-wide, so several instances never hand out the same id. */
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(0xA1B2C3D4L);

    private static final long DELIVER_TIMEOUT_MS = 5_000;
    private static final long REDELIVERY_DELAY_MS = 500;
    private static final int MAX_DELIVERY_ATTEMPTS = 10;
    private static final long POST_BIND_FLUSH_DELAY_MS = 100;

    private final Object lifecycle = new Object();
    private final ResponsePlan plan = new ResponsePlan();
    private final List<ReceivedSubmit> submits = new ArrayList<>();
    private final Map<Long, SmppServerSession> sessions = new ConcurrentHashMap<>();
    private final Deque<Outbound> pending = new ArrayDeque<>();
    private final Map<String, String[]> receiptStatuses = new ConcurrentHashMap<>();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final AtomicInteger binds = new AtomicInteger();
    private final AtomicInteger bindRequests = new AtomicInteger();
    private final AtomicInteger enquireLinks = new AtomicInteger();
    private final AtomicInteger refusedBinds = new AtomicInteger();
    private final AtomicInteger receiptsSent = new AtomicInteger();
    private final AtomicInteger mosSent = new AtomicInteger();
    private final AtomicInteger deliveriesDropped = new AtomicInteger();

    private final ScheduledExecutorService scheduler;
    private final ExecutorService senders;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;

    private volatile String systemId = DEFAULT_SYSTEM_ID;
    private volatile String password = DEFAULT_PASSWORD;
    private volatile int bindRefusalStatus;
    private volatile Duration receiptDelay = Duration.ofMillis(50);
    private volatile boolean deliveriesHeld;
    private volatile Duration responseDelay = Duration.ZERO;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger maxOutstanding = new AtomicInteger();
    private volatile boolean autoReceipts = true;
    private volatile boolean receiptTlvs = true;
    private volatile String moDestination = "38000";
    private volatile boolean closeOnBindRefusal;

    private DefaultSmppServer server;
    private int port;
    private volatile boolean running;
    private boolean closed;

    /** A stopped SMSC; call {@link #start()}. */
    public TestSmsc() {
        scheduler = Executors.newScheduledThreadPool(1, new DefaultThreadFactory("test-smsc-timer", true));
        senders = Executors.newCachedThreadPool(new DefaultThreadFactory("test-smsc-deliver", true));
        bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("test-smsc-boss", true));
        workerGroup = new NioEventLoopGroup(2, new DefaultThreadFactory("test-smsc-io", true));
    }

    /** Creates and starts an SMSC on a free port. */
    public static TestSmsc started() {
        return new TestSmsc().start();
    }

    // ------------------------------------------------------------------ life cycle

    /**
     * Starts listening on 127.0.0.1: on a free port the first time, on the same port afterwards.
     *
     * @return this
     * @throws IllegalStateException if running or closed, or the port cannot be bound
     */
    public TestSmsc start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("TestSmsc is closed");
            }
            if (running) {
                throw new IllegalStateException("TestSmsc already running on port " + port);
            }
            quietLogging();
            if (server == null) {
                server = new DefaultSmppServer(serverConfiguration(), new ServerHandler(), scheduler, bossGroup, workerGroup);
            }
            server.getConfiguration().setPort(port);
            try {
                server.start();
            } catch (SmppChannelException e) {
                throw new IllegalStateException("TestSmsc cannot listen on 127.0.0.1:" + port, e);
            }
            if (port == 0) {
                port = boundPort(server);
                server.getConfiguration().setPort(port);
            }
            running = true;
            log.info("TestSmsc listening on 127.0.0.1:{}", port);
        }
        scheduleFlush();
        return this;
    }

    /**
     * Graceful stop: sends unbind on every bound session (waiting up to 1 s for each unbind_resp),
     * closes the connections, then the server socket. No-op when not running.
     */
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            for (SmppServerSession session : List.copyOf(sessions.values())) {
                unbind(session);
            }
            server.stop();
            sessions.clear();
            log.info("TestSmsc on port {} stopped", port);
        }
    }

    @SuppressWarnings("rawtypes")
    private static void unbind(SmppServerSession session) {
        try {
            WindowFuture future = session.sendRequestPdu(new Unbind(), 1_000, true);
            boolean answered = future.await(1_000) && future.isSuccess();
            log.debug("unbind {}", answered ? "answered" : "not answered");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("unbind failed: {}", e.getClass().getSimpleName());
        } finally {
            session.close();
        }
    }

    /**
     * Abrupt stop, like a killed process: every connection is reset (SO_LINGER 0, so the peer sees
     * a TCP RST, no unbind), and the server socket is closed. Pending submit responses are lost;
     * queued and unacknowledged deliver_sm are kept for after {@link #restart()}. No-op when not
     * running.
     */
    public void crash() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            for (Channel channel : server.getChannels()) {
                try {
                    channel.config().setOption(ChannelOption.SO_LINGER, 0);
                } catch (RuntimeException e) {
                    log.debug("SO_LINGER not set: {}", e.toString());
                }
            }
            server.stop();
            sessions.clear();
            log.info("TestSmsc on port {} crashed", port);
        }
    }

    /** {@link #stop()} if running, then {@link #start()} on the same port. */
    public TestSmsc restart() {
        synchronized (lifecycle) {
            stop();
            return start();
        }
    }

    /** Stops and releases all threads; the instance cannot be started again. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            stop();
            closed = true;
            if (server != null) {
                server.getBindTimer().cancel();
            }
        }
        scheduler.shutdownNow();
        senders.shutdownNow();
        bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Points the Spring test context's Passerelle at this SMSC (port and password). */
    public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("passerelle.sms.smsc.port", this::port);
        registry.add("passerelle.sms.smsc.password", () -> DEFAULT_PASSWORD);
    }

    /** The TCP port on 127.0.0.1 (0 before the first start). */
    public int port() {
        synchronized (lifecycle) {
            return port;
        }
    }

    public boolean isRunning() {
        return running;
    }

    /**
     * Forgets recorded submits, queued deliver_sm, per-destination receipt statuses and all
     * counters, and restores the default response plan. Sessions stay bound.
     */
    public void reset() {
        synchronized (submits) {
            submits.clear();
        }
        synchronized (pending) {
            pending.clear();
        }
        plan.reset();
        receiptStatuses.clear();
        binds.set(0);
        bindRequests.set(0);
        enquireLinks.set(0);
        refusedBinds.set(0);
        receiptsSent.set(0);
        mosSent.set(0);
        deliveriesDropped.set(0);
        maxOutstanding.set(outstanding.get());
    }

    // ------------------------------------------------------------------ configuration

    /** The system id and password binds must carry (defaults "passerelle" / "secret"). */
    public TestSmsc credentials(String systemId, String password) {
        this.systemId = systemId;
        this.password = password;
        return this;
    }

    /**
     * Refuses every bind with this command status (e.g. {@link #ESME_RBINDFAIL}) whatever the
     * credentials; 0 accepts binds again.
     */
    public TestSmsc refuseBinds(int commandStatus) {
        this.bindRefusalStatus = commandStatus;
        return this;
    }

    /**
     * How a refused bind ends. By default (false) the negative bind_resp is sent and the connection
     * is left open for a second for the ESME to close, as most SMSCs do. When true the connection is
     * closed right after the bind_resp, which is what Cloudhopper does natively: jSMPP can then lose
     * the bind_resp in a race with the socket close and wait for its whole bind timeout (60 s by
     * default) instead of failing at once.
     */
    public TestSmsc closeImmediatelyOnBindRefusal(boolean close) {
        this.closeOnBindRefusal = close;
        return this;
    }

    // ------------------------------------------------------------------ response plan

    /**
     * From now on answer every submit_sm with this command status (0 restores the default). A
     * non-zero status assigns no message id and triggers no receipt.
     */
    public TestSmsc respondWith(int commandStatus) {
        plan.always(commandStatus);
        return this;
    }

    /**
     * Answer the next {@code times} submit_sm with this status, then go back to the standing plan.
     * Calls queue up: {@code respondWith(0x58, 2).respondWith(0x14, 1)} throttles two, then reports
     * a full queue once, then accepts.
     */
    public TestSmsc respondWith(int commandStatus, int times) {
        plan.next(commandStatus, times);
        return this;
    }

    /**
     * While true, submit_sm are recorded (with {@link ReceivedSubmit#NO_RESPONSE}) but never
     * answered, as an SMSC that hangs; the ESME's response timeout is what happens next. Submits
     * left unanswered stay unanswered after switching back.
     */
    public TestSmsc dropResponses(boolean drop) {
        plan.drop(drop);
        return this;
    }

    /**
     * Accept at most {@code n} submit_sm per second; the rest of each second gets ESME_RTHROTTLED
     * (0x58), as an operator's rate limit does. {@code n < 0} turns the throttle off.
     */
    public TestSmsc throttleAfter(int n) {
        return throttleAfter(n, Duration.ofSeconds(1));
    }

    /** Accept at most {@code n} submit_sm per {@code window}; the rest get ESME_RTHROTTLED. */
    public TestSmsc throttleAfter(int n, Duration window) {
        plan.throttle(n, window);
        return this;
    }

    /**
     * Send each submit_sm_resp {@code delay} after its submit_sm arrived (default 0: at once). Other
     * submits are read and recorded meanwhile, so an ESME with a window has several outstanding.
     */
    public TestSmsc responseDelay(Duration delay) {
        this.responseDelay = delay;
        return this;
    }

    /** Submits received and not answered yet, now. */
    public int outstandingSubmits() {
        return outstanding.get();
    }

    /** The most submits received and not answered yet at one moment, since start or {@link #reset()}. */
    public int maxOutstandingSubmits() {
        return maxOutstanding.get();
    }

    /** Back to the default plan: status 0 always, responses sent, no throttle. */
    public TestSmsc resetResponses() {
        plan.reset();
        return this;
    }

    // ------------------------------------------------------------------ receipts and MO

    /** Whether accepted submits asking for one get a receipt (default true). */
    public TestSmsc autoReceipts(boolean on) {
        this.autoReceipts = on;
        return this;
    }

    /** Delay between the submit and its receipt (default 50 ms; 0 lets a receipt race the submit_sm_resp). */
    public TestSmsc receiptDelay(Duration delay) {
        this.receiptDelay = delay;
        return this;
    }

    /**
     * While held, receipts and MO that fall due are queued as if no receiver were bound; releasing sends what
     * is queued to a bound receiver. Lets a test crash or restart the SMSC with a receipt certainly undelivered,
     * whatever the machine's load.
     */
    public TestSmsc holdDeliveries(boolean held) {
        this.deliveriesHeld = held;
        if (!held) {
            scheduleFlush();
        }
        return this;
    }

    /**
     * The final state reported in receipts for messages to this destination address (as it
     * appears in the submit's destination_addr): DELIVRD (default), UNDELIV, EXPIRED, REJECTD,
     * DELETED, UNKNOWN, ACCEPTD. err is "000".
     */
    public TestSmsc receiptStatusFor(String destAddr, String stat) {
        return receiptStatusFor(destAddr, stat, "000");
    }

    /** As {@link #receiptStatusFor(String, String)} with a network error code for {@code err:}. */
    public TestSmsc receiptStatusFor(String destAddr, String stat, String err) {
        receiptStatuses.put(destAddr, new String[] {stat, err});
        return this;
    }

    /**
     * Whether receipts also carry the receipted_message_id (0x001E) and message_state (0x0427)
     * TLVs, as most SMSCs send them (default true).
     */
    public TestSmsc receiptTlvs(boolean on) {
        this.receiptTlvs = on;
        return this;
    }

    /** Destination address of MO messages sent by {@link #sendMo(String, String)} (default "38000"). */
    public TestSmsc moDestination(String shortCode) {
        this.moDestination = shortCode;
        return this;
    }

    /**
     * Sends a mobile-originated message: deliver_sm with esm_class 0, data_coding 0, source TON 1
     * NPI 1 ({@code fromAddr}, e.g. "33612345678"), destination {@link #moDestination}, and the text
     * as unpacked GSM 03.38 septets (identical to ASCII for letters, digits and space). Queued if no
     * receiver is bound.
     */
    public void sendMo(String fromAddr, String text) {
        sendMo(fromAddr, moDestination, (byte) 0x00, CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM));
    }

    /** Sends a mobile-originated deliver_sm with raw short_message bytes and the given data_coding. */
    public void sendMo(String fromAddr, String toAddr, byte dataCoding, byte[] shortMessage) {
        Outbound mo = new Outbound(false, null,
                new Address((byte) 1, (byte) 1, fromAddr),
                new Address((byte) 0, (byte) 1, toAddr),
                (byte) 0x00, dataCoding, shortMessage.clone(), List.of());
        dispatch(mo);
    }

    // ------------------------------------------------------------------ observation

    /** Successful binds since creation (or {@link #reset()}), across restarts. */
    public int bindCount() {
        return binds.get();
    }

    /**
     * Bind requests (bind_transmitter, bind_receiver, bind_transceiver) received since creation (or
     * {@link #reset()}), accepted or refused.
     */
    public int bindRequestCount() {
        return bindRequests.get();
    }

    /** enquire_link requests received since creation (or {@link #reset()}). */
    public int enquireLinkCount() {
        return enquireLinks.get();
    }

    /** Binds refused (credentials or {@link #refuseBinds}). */
    public int refusedBindCount() {
        return refusedBinds.get();
    }

    /**
     * Sessions open at the SMSC (bound and not unbound), any bind type. A session leaves this count
     * when its unbind arrives, before the unbind_resp goes out, so an ESME that has its unbind_resp is
     * never counted; one that drops the connection without unbinding leaves it when the SMSC notices.
     */
    public int boundSessions() {
        return (int) sessions.values().stream().filter(SmppServerSession::isBound).count();
    }

    /** Currently bound sessions that can receive deliver_sm (receiver and transceiver binds). */
    public int boundReceivers() {
        return (int) sessions.values().stream().filter(TestSmsc::canReceive).count();
    }

    /** Receipts the ESME acknowledged with deliver_sm_resp status 0. */
    public int receiptsSent() {
        return receiptsSent.get();
    }

    /** MO messages the ESME acknowledged with deliver_sm_resp status 0. */
    public int mosSent() {
        return mosSent.get();
    }

    /** deliver_sm (receipts or MO) waiting for a receiver to bind. */
    public int pendingDeliveries() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** deliver_sm given up after {@value #MAX_DELIVERY_ATTEMPTS} failed attempts. */
    public int deliveriesDropped() {
        return deliveriesDropped.get();
    }

    /** A snapshot of all submit_sm received, oldest first. */
    public List<ReceivedSubmit> submits() {
        synchronized (submits) {
            return List.copyOf(submits);
        }
    }

    /**
     * Blocks until at least {@code n} submit_sm are recorded.
     *
     * @return a snapshot of all submits
     * @throws AssertionError when the timeout passes first
     */
    public List<ReceivedSubmit> awaitSubmits(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (submits) {
            while (submits.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected at least " + n + " submit_sm within " + timeout
                            + ", got " + submits.size());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(submits, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while awaiting submits", e);
                }
            }
            return List.copyOf(submits);
        }
    }

    // ------------------------------------------------------------------ internals

    private SmppServerConfiguration serverConfiguration() {
        SmppServerConfiguration config = new SmppServerConfiguration();
        config.setName("TestSmsc");
        config.setHost("127.0.0.1");
        config.setPort(0);
        config.setSystemId(SMSC_SYSTEM_ID);
        config.setNonBlockingSocketsEnabled(true);
        config.setReuseAddress(true);
        config.setMaxConnectionSize(50);
        config.setBindTimeout(5_000);
        config.setDefaultWindowSize(20);
        config.setDefaultWindowWaitTimeout(DELIVER_TIMEOUT_MS);
        config.setDefaultRequestExpiryTimeout(DELIVER_TIMEOUT_MS);
        config.setDefaultWindowMonitorInterval(1_000);
        config.setDefaultSessionCountersEnabled(false);
        config.setJmxEnabled(false);
        return config;
    }

    private static int boundPort(DefaultSmppServer server) {
        try {
            Field field = DefaultSmppServer.class.getDeclaredField("serverChannel");
            field.setAccessible(true);
            Channel channel = (Channel) field.get(server);
            return ((InetSocketAddress) channel.localAddress()).getPort();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the port Cloudhopper bound", e);
        }
    }

    private static boolean canReceive(SmppServerSession session) {
        return session.isBound()
                && (session.getBindType() == SmppBindType.RECEIVER || session.getBindType() == SmppBindType.TRANSCEIVER);
    }

    /** Cloudhopper logs PDUs (numbers, text) at INFO; keep it to warnings unless configured otherwise. */
    private static void quietLogging() {
        try {
            if (LoggerFactory.getLogger("com.cloudhopper") instanceof ch.qos.logback.classic.Logger logger
                    && logger.getLevel() == null) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        } catch (NoClassDefFoundError noLogback) {
            // another SLF4J binding: leave it alone
        }
    }

    private void record(ReceivedSubmit submit) {
        synchronized (submits) {
            submits.add(submit);
            submits.notifyAll();
        }
    }

    private PduResponse onSubmit(SmppServerSession session, SubmitSm sm) {
        if (session.getBindType() == SmppBindType.RECEIVER) {
            SubmitSmResp resp = sm.createResponse();
            resp.setCommandStatus(SmppConstants.STATUS_INVBNDSTS);
            return resp;
        }
        int status = plan.decide();
        String messageId = status == ESME_ROK ? String.format("%08X", MESSAGE_IDS.getAndIncrement()) : null;
        byte[] text = sm.getShortMessage();
        if ((text == null || text.length == 0) && sm.hasOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD)) {
            text = sm.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD).getValue();
        }
        Address source = sm.getSourceAddress() == null ? new Address() : sm.getSourceAddress();
        Address dest = sm.getDestAddress() == null ? new Address() : sm.getDestAddress();
        ReceivedSubmit submit = new ReceivedSubmit(
                sm.getSequenceNumber(), messageId, status, session.getConfiguration().getSystemId(),
                source.getAddress(), source.getTon(), source.getNpi(),
                dest.getAddress(), dest.getTon(), dest.getNpi(),
                sm.getEsmClass(), sm.getDataCoding(), sm.getRegisteredDelivery(),
                text, Instant.now());
        record(submit);
        log.debug("submit_sm seq={} -> status={} id={}", sm.getSequenceNumber(), status, messageId);
        if (status == ESME_ROK && autoReceipts) {
            scheduleReceipt(submit);
        }
        if (status == ReceivedSubmit.NO_RESPONSE) {
            return null;
        }
        SubmitSmResp resp = sm.createResponse();
        resp.setCommandStatus(status);
        if (messageId != null) {
            resp.setMessageId(messageId);
        }
        long delayMillis = responseDelay.toMillis();
        maxOutstanding.accumulateAndGet(outstanding.get() + 1, Math::max);
        if (delayMillis <= 0) {
            return resp;
        }
        outstanding.incrementAndGet();
        schedule(() -> sendLate(session, resp), delayMillis);
        return null;
    }

    private void sendLate(SmppServerSession session, SubmitSmResp resp) {
        // no longer outstanding before it leaves: the ESME may answer with its next submit before this thread runs on
        outstanding.decrementAndGet();
        try {
            session.sendResponsePdu(resp);
        } catch (Exception e) {
            log.debug("late submit_sm_resp not sent: {}", e.getClass().getSimpleName());
        }
    }

    private void scheduleReceipt(ReceivedSubmit submit) {
        String[] statErr = receiptStatuses.getOrDefault(submit.destAddr(), new String[] {ReceiptText.DELIVRD, "000"});
        String stat = statErr[0];
        int wanted = submit.registeredDelivery() & 0x03;
        boolean failure = !ReceiptText.DELIVRD.equals(stat);
        if (!((submit.registeredDelivery() & 0x01) != 0 || (wanted == 0x02 && failure))) {
            return;
        }
        ZonedDateTime submitted = submit.receivedAt().atZone(ZoneId.systemDefault());
        Duration delay = receiptDelay.plus(responseDelay); // a receipt follows the submit_sm_resp
        String text = ReceiptText.format(submit.messageId(), stat, statErr[1], submitted, submitted.plus(delay));
        List<Tlv> tlvs = new ArrayList<>();
        if (receiptTlvs) {
            try {
                tlvs.add(TlvUtil.createNullTerminatedStringTlv(SmppConstants.TAG_RECEIPTED_MSG_ID, submit.messageId()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            tlvs.add(new Tlv(SmppConstants.TAG_MSG_STATE, new byte[] {ReceiptText.messageState(stat)}));
        }
        Outbound receipt = new Outbound(true, submit.messageId(),
                new Address(submit.destTon(), submit.destNpi(), submit.destAddr()),
                new Address(submit.sourceTon(), submit.sourceNpi(), submit.sourceAddr()),
                SmppConstants.ESM_CLASS_MT_SMSC_DELIVERY_RECEIPT, (byte) 0x00,
                text.getBytes(StandardCharsets.US_ASCII), tlvs);
        schedule(() -> dispatch(receipt), delay.toMillis());
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            scheduler.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closedAlready) {
            log.debug("TestSmsc closed, task dropped");
        }
    }

    private SmppServerSession nextReceiver() {
        List<SmppServerSession> receivers = sessions.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .map(Map.Entry::getValue)
                .filter(TestSmsc::canReceive)
                .toList();
        if (receivers.isEmpty()) {
            return null;
        }
        return receivers.get(Math.floorMod(roundRobin.getAndIncrement(), receivers.size()));
    }

    private void dispatch(Outbound outbound) {
        SmppServerSession session = running && !deliveriesHeld ? nextReceiver() : null;
        if (session == null) {
            synchronized (pending) {
                pending.addLast(outbound);
            }
            // a receiver may have bound between the check and the queueing
            if (running && !deliveriesHeld && nextReceiver() != null) {
                scheduleFlush();
            }
            return;
        }
        try {
            senders.execute(() -> send(session, outbound));
        } catch (java.util.concurrent.RejectedExecutionException closedAlready) {
            log.debug("TestSmsc closed, deliver_sm dropped");
        }
    }

    private void scheduleFlush() {
        schedule(this::flushPending, POST_BIND_FLUSH_DELAY_MS);
    }

    private void flushPending() {
        if (!running || deliveriesHeld || nextReceiver() == null) {
            return;
        }
        List<Outbound> drained;
        synchronized (pending) {
            drained = new ArrayList<>(pending);
            pending.clear();
        }
        drained.forEach(this::dispatch);
    }

    private void send(SmppServerSession session, Outbound outbound) {
        outbound.attempts++;
        try {
            @SuppressWarnings("rawtypes")
            WindowFuture future = session.sendRequestPdu(outbound.toPdu(), DELIVER_TIMEOUT_MS, true);
            boolean done = future.await(DELIVER_TIMEOUT_MS + 1_000);
            if (done && future.isSuccess() && future.getResponse() instanceof PduResponse resp
                    && resp.getCommandStatus() == ESME_ROK) {
                (outbound.receipt ? receiptsSent : mosSent).incrementAndGet();
                log.debug("deliver_sm {} id={} acknowledged", outbound.receipt ? "receipt" : "MO", outbound.messageId);
                return;
            }
            if (!done) {
                future.cancel();
            }
            log.debug("deliver_sm id={} not acknowledged (attempt {})", outbound.messageId, outbound.attempts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.debug("deliver_sm id={} failed (attempt {}): {}", outbound.messageId, outbound.attempts, e.getClass().getSimpleName());
        }
        if (outbound.attempts >= MAX_DELIVERY_ATTEMPTS) {
            deliveriesDropped.incrementAndGet();
            log.warn("TestSmsc gave up a deliver_sm (message id {}) after {} attempts", outbound.messageId, outbound.attempts);
            return;
        }
        schedule(() -> dispatch(outbound), REDELIVERY_DELAY_MS);
    }

    /** A deliver_sm to send (receipt or MO), kept until the ESME acknowledges it. */
    private static final class Outbound {
        final boolean receipt;
        final String messageId;
        final Address source;
        final Address dest;
        final byte esmClass;
        final byte dataCoding;
        final byte[] shortMessage;
        final List<Tlv> tlvs;
        volatile int attempts;

        Outbound(boolean receipt, String messageId, Address source, Address dest, byte esmClass,
                 byte dataCoding, byte[] shortMessage, List<Tlv> tlvs) {
            this.receipt = receipt;
            this.messageId = messageId;
            this.source = source;
            this.dest = dest;
            this.esmClass = esmClass;
            this.dataCoding = dataCoding;
            this.shortMessage = shortMessage;
            this.tlvs = List.copyOf(tlvs);
        }

        DeliverSm toPdu() throws Exception {
            DeliverSm pdu = new DeliverSm();
            pdu.setSourceAddress(new Address(source.getTon(), source.getNpi(), source.getAddress()));
            pdu.setDestAddress(new Address(dest.getTon(), dest.getNpi(), dest.getAddress()));
            pdu.setEsmClass(esmClass);
            pdu.setDataCoding(dataCoding);
            pdu.setShortMessage(shortMessage);
            tlvs.forEach(pdu::addOptionalParameter);
            return pdu;
        }
    }

    private final class ServerHandler implements SmppServerHandler {

        @Override
        public void sessionBindRequested(Long sessionId, SmppSessionConfiguration config, BaseBind bindRequest)
                throws SmppProcessingException {
            LoggingOptions quiet = new LoggingOptions();
            quiet.setLogPdu(false);
            quiet.setLogBytes(false);
            config.setLoggingOptions(quiet);
            bindRequests.incrementAndGet();
            if (closeOnBindRefusal) {
                int refusal = bindRefusal(bindRequest.getSystemId(), bindRequest.getPassword());
                if (refusal != ESME_ROK) {
                    refusedBinds.incrementAndGet();
                    // Cloudhopper sends the negative bind_resp and closes the connection at once
                    throw new SmppProcessingException(refusal, "bind refused");
                }
            }
        }

        @Override
        public void sessionCreated(Long sessionId, SmppServerSession session, BaseBindResp preparedBindResponse) {
            SmppSessionConfiguration config = session.getConfiguration();
            int refusal = bindRefusal(config.getSystemId(), config.getPassword());
            if (refusal != ESME_ROK) {
                // Refuse here rather than in sessionBindRequested: the negative bind_resp goes out and the
                // connection stays open a moment, so the ESME reads the status before the socket closes.
                refusedBinds.incrementAndGet();
                preparedBindResponse.setCommandStatus(refusal);
                session.serverReady(new SessionHandler(session, false));
                schedule(session::close, 1_000);
                log.debug("session {} bind refused with status 0x{}", sessionId, Integer.toHexString(refusal));
                return;
            }
            sessions.put(sessionId, session);
            binds.incrementAndGet();
            session.serverReady(new SessionHandler(session, true));
            log.debug("session {} bound as {}", sessionId, session.getBindType());
            if (canReceive(session)) {
                scheduleFlush();
            }
        }

        @Override
        public void sessionDestroyed(Long sessionId, SmppServerSession session) {
            sessions.remove(sessionId);
            log.debug("session {} closed", sessionId);
            session.destroy();
        }
    }

    private int bindRefusal(String boundSystemId, String boundPassword) {
        int refusal = bindRefusalStatus;
        if (refusal != ESME_ROK) {
            return refusal;
        }
        if (!systemId.equals(boundSystemId) || !password.equals(boundPassword)) {
            return SmppConstants.STATUS_INVPASWD;
        }
        return ESME_ROK;
    }

    private final class SessionHandler extends DefaultSmppSessionHandler {
        private final SmppServerSession session;
        private final boolean accepted;

        SessionHandler(SmppServerSession session, boolean accepted) {
            super(log);
            this.session = session;
            this.accepted = accepted;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public PduResponse firePduRequestReceived(PduRequest request) {
            if (!accepted) {
                PduResponse resp = request.createResponse();
                resp.setCommandStatus(SmppConstants.STATUS_INVBNDSTS);
                return resp;
            }
            if (request instanceof SubmitSm sm) {
                return onSubmit(session, sm);
            }
            if (request instanceof EnquireLink) {
                enquireLinks.incrementAndGet();
                return request.createResponse();
            }
            if (request instanceof Unbind) {
                sessions.values().remove(session); // unbound from here on, before the unbind_resp leaves
                schedule(session::close, 200);
                return request.createResponse();
            }
            PduResponse resp = request.createResponse();
            resp.setCommandStatus(SmppConstants.STATUS_INVCMDID);
            return resp;
        }

        @Override
        public void fireExpectedPduResponseReceived(PduAsyncResponse response) {
            // deliver_sm are sent synchronously; their responses are read by the sender
        }

        @Override
        public void fireUnexpectedPduResponseReceived(PduResponse response) {
            log.debug("unexpected {} (late or unknown sequence number)", response.getName());
        }

        @Override
        public void firePduRequestExpired(PduRequest request) {
            log.debug("{} expired without a response", request.getName());
        }

        @Override
        public void fireChannelUnexpectedlyClosed() {
            log.debug("connection closed by the ESME");
        }

        @Override
        public void fireRecoverablePduException(RecoverablePduException e) {
            log.debug("recoverable PDU error: {}", e.getClass().getSimpleName());
        }

        @Override
        public void fireUnrecoverablePduException(UnrecoverablePduException e) {
            log.debug("unrecoverable PDU error: {}", e.getClass().getSimpleName());
        }

        @Override
        public void fireUnknownThrowable(Throwable t) {
            log.debug("session error: {}", t.getClass().getSimpleName());
        }
    }
}
