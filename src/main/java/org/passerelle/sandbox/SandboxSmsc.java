package org.passerelle.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.RandomMessageIDGenerator;
import org.passerelle.sms.text.GsmAlphabet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A small SMSC for the local default, on loopback only: accepts a bind with its configured system id and password
 * (else ESME_RBINDFAIL / ESME_RINVPASWD), answers every submit, and sends a delivery
 * receipt shortly after, so a newcomer sees a reminder go all the way to DELIVERED on a laptop.
 * It keeps what it received in memory for {@code GET /sandbox/sms}. Demo data only.
 */
class SandboxSmsc implements SmartLifecycle, ServerMessageReceiverListener {

    private static final Logger log = LoggerFactory.getLogger(SandboxSmsc.class);

    private final int port;
    private final String systemId;
    private final String password;
    private final List<SandboxSms> received = new CopyOnWriteArrayList<>();
    private final List<SMPPServerSession> receivers = new CopyOnWriteArrayList<>();
    private final RandomMessageIDGenerator ids = new RandomMessageIDGenerator();
    private final ScheduledExecutorService receipts = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sandbox-smsc-receipts"));
    private ExecutorService acceptor;
    private SMPPServerSessionListener listener;
    private volatile boolean running;

    SandboxSmsc(int port, String systemId, String password) {
        this.port = port;
        this.systemId = systemId;
        this.password = password;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    List<SandboxSms> received() {
        return List.copyOf(received);
    }

    @Override
    public void start() {
        try {
            listener = new SMPPServerSessionListener(port, new LoopbackServerConnections());
        } catch (IOException e) {
            throw new IllegalStateException("Sandbox SMSC cannot listen on port " + port, e);
        }
        listener.setMessageReceiverListener(this);
        running = true;
        acceptor = Executors.newCachedThreadPool(r -> daemon(r, "sandbox-smsc"));
        acceptor.submit(this::acceptLoop);
        log.warn("Sandbox SMSC listening on 127.0.0.1:{} (local default only)", port);
    }

    private void acceptLoop() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                acceptor.submit(() -> bind(session));
            } catch (IOException e) {
                if (running) {
                    log.warn("Sandbox SMSC accept failed: {}", e.getClass().getSimpleName());
                }
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            if (!systemId.equals(request.getSystemId())) {
                log.warn("Sandbox SMSC refused a bind: unknown system id");
                request.reject(SMPPConstant.STAT_ESME_RBINDFAIL);
                return;
            }
            if (!password.equals(request.getPassword())) {
                log.warn("Sandbox SMSC refused a bind: wrong password");
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                return;
            }
            request.accept("sandbox");
            if (request.getBindType() == BindType.BIND_RX || request.getBindType() == BindType.BIND_TRX) {
                receivers.add(session);
            }
        } catch (Exception e) {
            session.close();
        }
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
        String messageId = ids.newMessageId().getValue();
        received.add(SandboxSms.of(messageId, submit, Instant.now()));
        if ((submit.getRegisteredDelivery() & 0x01) != 0) {
            String dest = submit.getDestAddress();
            receipts.schedule(() -> sendReceipt(messageId, dest), 300, TimeUnit.MILLISECONDS);
        }
        try {
            return new SubmitSmResult(new org.jsmpp.util.MessageId(messageId), null);
        } catch (org.jsmpp.PDUStringException e) {
            throw new ProcessRequestException("bad message id", 0x08);
        }
    }

    private void sendReceipt(String messageId, String destination) {
        Date now = new Date();
        String text = new DeliveryReceipt(messageId, 1, 1, now, now, DeliveryReceiptState.DELIVRD, "000", "").toString();
        for (SMPPServerSession receiver : receivers) {
            try {
                receiver.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination,
                        TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "PASSERELLE",
                        new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                        (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                        text.getBytes(StandardCharsets.US_ASCII));
                return;
            } catch (Exception e) {
                receivers.remove(receiver);
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        receipts.shutdownNow();
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        receivers.forEach(Session::close);
        if (acceptor != null) {
            acceptor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before Camel, so the SMPP routes find it listening. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 2000;
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("submit_multi not supported by the sandbox", 0x03);
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("query_sm not supported by the sandbox", 0x03);
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("replace_sm not supported by the sandbox", 0x03);
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("cancel_sm not supported by the sandbox", 0x03);
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("broadcast_sm not supported by the sandbox", 0x03);
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("cancel_broadcast_sm not supported by the sandbox", 0x03);
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("query_broadcast_sm not supported by the sandbox", 0x03);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm not supported by the sandbox", 0x03);
    }

    /** One submit as the sandbox decoded it. */
    record SandboxSms(String messageId, Instant receivedAt, String to, String from, String encoding, Integer part,
                      Integer parts, String text) {

        static SandboxSms of(String messageId, SubmitSm s, Instant at) {
            byte[] bytes = s.getShortMessage() == null ? new byte[0] : s.getShortMessage();
            Integer part = null;
            Integer parts = null;
            if ((s.getEsmClass() & 0x40) != 0 && bytes.length > 0) {
                int udhLength = (bytes[0] & 0xFF) + 1;
                if (udhLength >= 6 && bytes.length >= udhLength) {
                    parts = bytes[4] & 0xFF;
                    part = bytes[5] & 0xFF;
                }
                bytes = Arrays.copyOfRange(bytes, Math.min(udhLength, bytes.length), bytes.length);
            }
            boolean ucs2 = (s.getDataCoding() & 0x0F) == 0x08;
            String text = ucs2 ? new String(bytes, StandardCharsets.UTF_16BE) : GsmAlphabet.fromUnpackedSeptets(bytes);
            return new SandboxSms(messageId, at, "+" + s.getDestAddress(), s.getSourceAddr(), ucs2 ? "UCS2" : "GSM7",
                    part, parts, text);
        }
    }

    static List<SandboxSms> newestFirst(List<SandboxSms> all) {
        List<SandboxSms> copy = new ArrayList<>(all);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
