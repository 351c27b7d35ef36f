package org.passerelle.testsupport.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TestSmsc (Cloudhopper) driven by jSMPP directly, and by camel-smpp: the two stacks interoperate. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestSmscTest {

    private static final String PATIENT = "33612345678";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestSmsc smsc;
    private final List<SMPPSession> clients = new ArrayList<>();

    @BeforeEach
    void startSmsc() {
        smsc = TestSmsc.started();
    }

    /**
     * jSMPP's close can deadlock on its session locks when the peer goes away at the same moment (seen once in
     * a full run): each close gets a daemon thread and 10 s, then it is left behind so the suite goes on.
     */
    @AfterEach
    void stopAll() throws InterruptedException {
        List<Thread> closing = new ArrayList<>();
        for (SMPPSession client : clients) {
            Thread t = new Thread(client::unbindAndClose, "test-client-close");
            t.setDaemon(true);
            t.start();
            closing.add(t);
        }
        for (Thread t : closing) {
            t.join(10_000);
        }
        smsc.close();
    }

    @Test
    void submitWithRegisteredDeliveryGetsReceiptOnReceiverSession() throws Exception {
        BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
        SMPPSession tx = bind(BindType.BIND_TX, null);
        bind(BindType.BIND_RX, received);
        assertThat(smsc.bindCount()).isEqualTo(2);
        await().atMost(WAIT).until(() -> smsc.boundReceivers() == 1);

        String messageId = submit(tx, "Rappel: RDV le 02/12 a 14h30", SMSCDeliveryReceipt.SUCCESS_FAILURE);

        assertThat(messageId).matches("[0-9A-F]{8,}");
        ReceivedSubmit submit = smsc.awaitSubmits(1, WAIT).get(0);
        assertThat(submit.messageId()).isEqualTo(messageId);
        assertThat(submit.accepted()).isTrue();
        assertThat(submit.destAddr()).isEqualTo(PATIENT);
        assertThat(submit.destTon()).isEqualTo((byte) 1);
        assertThat(submit.destNpi()).isEqualTo((byte) 1);
        assertThat(submit.sourceAddr()).isEqualTo("HOPITAL");
        assertThat(submit.sourceTon()).isEqualTo((byte) 5);
        assertThat(submit.registeredDelivery()).isEqualTo((byte) 1);
        assertThat(submit.udhi()).isFalse();
        assertThat(new String(submit.payload(), StandardCharsets.ISO_8859_1)).isEqualTo("Rappel: RDV le 02/12 a 14h30");
        assertThat(submit.toString()).doesNotContain(PATIENT).doesNotContain("Rappel");

        DeliverSm receipt = received.poll(10, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat(receipt.isSmscDeliveryReceipt()).isTrue();
        assertThat(receipt.getSourceAddr()).isEqualTo(PATIENT);
        assertThat(receipt.getDestAddress()).isEqualTo("HOPITAL");
        DeliveryReceipt parsed = receipt.getShortMessageAsDeliveryReceipt();
        assertThat(parsed.getId()).isEqualTo(messageId);
        assertThat(parsed.getFinalStatus()).isEqualTo(DeliveryReceiptState.DELIVRD);
        assertThat(new String(receipt.getShortMessage(), StandardCharsets.US_ASCII))
                .matches("id:" + messageId + " sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10} stat:DELIVRD err:000 text:");
        await().atMost(WAIT).until(() -> smsc.receiptsSent() == 1);
    }

    @Test
    void receiptStatusPerDestinationAndConcatenationHeaderIsParsed() throws Exception {
        BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
        SMPPSession trx = bind(BindType.BIND_TRX, received);
        smsc.receiptStatusFor("33700000001", ReceiptText.UNDELIV, "001");

        byte[] udh = {0x05, 0x00, 0x03, 0x2A, 0x02, 0x01};
        byte[] text = "Premier segment".getBytes(StandardCharsets.ISO_8859_1);
        byte[] sm = new byte[udh.length + text.length];
        System.arraycopy(udh, 0, sm, 0, udh.length);
        System.arraycopy(text, 0, sm, udh.length, text.length);
        String id = trx.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "HOPITAL",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "33700000001",
                new ESMClass(0x40), (byte) 0, (byte) 0, null, null,
                new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), (byte) 0, sm).getMessageId();

        ReceivedSubmit submit = smsc.awaitSubmits(1, WAIT).get(0);
        assertThat(submit.udhi()).isTrue();
        assertThat(submit.udh()).containsExactly(udh);
        assertThat(submit.payload()).containsExactly(text);
        assertThat(submit.concat()).contains(new ReceivedSubmit.Concat(0x2A, 2, 1));

        DeliverSm receipt = received.poll(10, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        DeliveryReceipt parsed = receipt.getShortMessageAsDeliveryReceipt();
        assertThat(parsed.getId()).isEqualTo(id);
        assertThat(parsed.getFinalStatus()).isEqualTo(DeliveryReceiptState.UNDELIV);
        assertThat(parsed.getDelivered()).isZero();
        assertThat(parsed.getError()).isEqualTo("001");
    }

    @Test
    void programmedStatusesAreNegativeResponses() throws Exception {
        SMPPSession tx = bind(BindType.BIND_TX, null);
        smsc.respondWith(TestSmsc.ESME_RTHROTTLED, 1).respondWith(TestSmsc.ESME_RMSGQFUL, 1);

        assertThatThrownBy(() -> submit(tx, "un", SMSCDeliveryReceipt.SUCCESS_FAILURE))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(0x58));
        assertThatThrownBy(() -> submit(tx, "deux", SMSCDeliveryReceipt.SUCCESS_FAILURE))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(0x14));
        assertThat(submit(tx, "trois", SMSCDeliveryReceipt.DEFAULT)).isNotBlank();

        smsc.respondWith(TestSmsc.ESME_RINVDSTADR);
        assertThatThrownBy(() -> submit(tx, "quatre", SMSCDeliveryReceipt.DEFAULT))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(0x0B));
        smsc.resetResponses().throttleAfter(1, Duration.ofMinutes(1));
        assertThat(submit(tx, "cinq", SMSCDeliveryReceipt.DEFAULT)).isNotBlank();
        assertThatThrownBy(() -> submit(tx, "six", SMSCDeliveryReceipt.DEFAULT))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(0x58));

        List<ReceivedSubmit> submits = smsc.submits();
        assertThat(submits).extracting(ReceivedSubmit::commandStatus).containsExactly(0x58, 0x14, 0, 0x0B, 0, 0x58);
        assertThat(submits.get(0).messageId()).isNull();
        assertThat(smsc.receiptsSent()).isZero();
    }

    @Test
    void droppedResponsesTimeOutOnTheClient() throws Exception {
        SMPPSession tx = bind(BindType.BIND_TX, null);
        tx.setTransactionTimer(500);
        smsc.dropResponses(true);
        assertThatThrownBy(() -> submit(tx, "hang", SMSCDeliveryReceipt.DEFAULT))
                .isInstanceOf(ResponseTimeoutException.class);
        assertThat(smsc.submits()).singleElement()
                .satisfies(s -> assertThat(s.commandStatus()).isEqualTo(ReceivedSubmit.NO_RESPONSE));
        smsc.dropResponses(false);
        assertThat(submit(tx, "again", SMSCDeliveryReceipt.DEFAULT)).isNotBlank();
    }

    @Test
    void wrongPasswordIsRefusedWithInvalidPassword() {
        SMPPSession session = new SMPPSession();
        clients.add(session);
        assertThatThrownBy(() -> session.connectAndBind("127.0.0.1", smsc.port(),
                new BindParameter(BindType.BIND_TX, "passerelle", "wrong", "", TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN, null), 5_000))
                .isInstanceOf(IOException.class)
                .cause().isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(TestSmsc.ESME_RINVPASWD));
        assertThat(smsc.bindCount()).isZero();
        assertThat(smsc.refusedBindCount()).isEqualTo(1);
        assertThat(smsc.boundSessions()).isZero();
    }

    @Test
    void refusedBindsAndOtherCredentials() throws Exception {
        smsc.refuseBinds(TestSmsc.ESME_RBINDFAIL);
        SMPPSession session = new SMPPSession();
        clients.add(session);
        assertThatThrownBy(() -> session.connectAndBind("127.0.0.1", smsc.port(), bindParameter(BindType.BIND_TRX), 5_000))
                .cause().isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(TestSmsc.ESME_RBINDFAIL));

        smsc.refuseBinds(0).credentials("hopital", "s3cret");
        assertThatThrownBy(() -> bind(BindType.BIND_TX, null)).isInstanceOf(IOException.class);
        SMPPSession other = new SMPPSession();
        clients.add(other);
        other.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(BindType.BIND_TX, "hopital", "s3cret", "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5_000);
        assertThat(smsc.bindCount()).isEqualTo(1);
        assertThat(smsc.refusedBindCount()).isEqualTo(2);
    }

    @Test
    void moArrivesOnReceiverAndReceiptsWaitForAReceiver() throws Exception {
        SMPPSession tx = bind(BindType.BIND_TX, null);
        String id = submit(tx, "Rappel", SMSCDeliveryReceipt.SUCCESS_FAILURE);
        smsc.sendMo("33698765432", "STOP");
        await().atMost(WAIT).until(() -> smsc.pendingDeliveries() == 2);

        BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
        bind(BindType.BIND_RX, received);
        DeliverSm first = received.poll(10, TimeUnit.SECONDS);
        DeliverSm second = received.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        DeliverSm receipt = first.isSmscDeliveryReceipt() ? first : second;
        DeliverSm mo = first.isSmscDeliveryReceipt() ? second : first;
        assertThat(receipt.getShortMessageAsDeliveryReceipt().getId()).isEqualTo(id);
        assertThat(mo.isSmscDeliveryReceipt()).isFalse();
        assertThat(mo.getEsmClass()).isZero();
        assertThat(mo.getDataCoding()).isZero();
        assertThat(mo.getSourceAddr()).isEqualTo("33698765432");
        assertThat(mo.getSourceAddrTon()).isEqualTo((byte) 1);
        assertThat(mo.getSourceAddrNpi()).isEqualTo((byte) 1);
        assertThat(new String(mo.getShortMessage(), StandardCharsets.US_ASCII)).isEqualTo("STOP");
        await().atMost(WAIT).until(() -> smsc.receiptsSent() == 1 && smsc.mosSent() == 1);
    }

    @Test
    void crashClosesClientSessionsAndRestartAcceptsBindsOnSamePort() throws Exception {
        BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
        SMPPSession tx = bind(BindType.BIND_TX, null);
        SMPPSession rx = bind(BindType.BIND_RX, received);
        int port = smsc.port();

        smsc.crash();

        await().atMost(WAIT).until(() -> tx.getSessionState() == SessionState.CLOSED
                && rx.getSessionState() == SessionState.CLOSED);
        assertThat(smsc.isRunning()).isFalse();
        assertThat(smsc.boundReceivers()).isZero();
        SMPPSession refused = new SMPPSession();
        clients.add(refused);
        assertThatThrownBy(() -> refused.connectAndBind("127.0.0.1", port, bindParameter(BindType.BIND_TX)))
                .isInstanceOf(IOException.class);

        smsc.restart();

        assertThat(smsc.port()).isEqualTo(port);
        SMPPSession tx2 = bind(BindType.BIND_TX, null);
        bind(BindType.BIND_RX, received);
        assertThat(smsc.bindCount()).isEqualTo(4);
        String id = submit(tx2, "apres redemarrage", SMSCDeliveryReceipt.SUCCESS_FAILURE);
        DeliverSm receipt = received.poll(10, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat(receipt.getShortMessageAsDeliveryReceipt().getId()).isEqualTo(id);
    }

    @Test
    void gracefulStopUnbindsClients() throws Exception {
        SMPPSession tx = bind(BindType.BIND_TX, null);
        smsc.stop();
        await().atMost(WAIT).until(() -> tx.getSessionState() == SessionState.CLOSED);
        smsc.start();
        assertThat(submit(bind(BindType.BIND_TRX, null), "ok", SMSCDeliveryReceipt.DEFAULT)).isNotBlank();
    }

    @Test
    void camelSmppProducerAndConsumerInteroperate() throws Exception {
        BlockingQueue<Map<String, Object>> receipts = new LinkedBlockingQueue<>();
        String base = "smpp://passerelle@127.0.0.1:" + smsc.port() + "?password=secret&enquireLinkTimer=5000";
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:send")
                            .to(base + "&registeredDelivery=1&sourceAddr=HOPITAL&sourceAddrTon=5&sourceAddrNpi=0"
                                    + "&destAddrTon=1&destAddrNpi=1");
                    from(base).routeId("receipts")
                            .process(e -> receipts.add(Map.copyOf(e.getMessage().getHeaders())));
                }
            });
            camel.start();
            await().atMost(WAIT).until(() -> smsc.boundReceivers() == 1);

            ProducerTemplate producer = camel.createProducerTemplate();
            Exchange result = producer.request("direct:send", e -> {
                e.getMessage().setBody("Rappel: RDV le 02/12 a 14h30, Hopital Nord");
                e.getMessage().setHeader("CamelSmppDestAddr", PATIENT);
            });
            assertThat(result.getException()).isNull();
            Object ids = result.getMessage().getHeader("CamelSmppId");
            assertThat(ids).isInstanceOf(List.class);
            String messageId = (String) ((List<?>) ids).get(0);

            ReceivedSubmit submit = smsc.awaitSubmits(1, WAIT).get(0);
            assertThat(submit.messageId()).isEqualTo(messageId);
            assertThat(submit.destAddr()).isEqualTo(PATIENT);
            assertThat(submit.registeredDelivery()).isEqualTo((byte) 1);

            Map<String, Object> headers = receipts.poll(10, TimeUnit.SECONDS);
            assertThat(headers).isNotNull();
            assertThat(headers.get("CamelSmppMessageType")).isEqualTo("DeliveryReceipt");
            assertThat(headers.get("CamelSmppId")).isEqualTo(messageId);
            assertThat(String.valueOf(headers.get("CamelSmppStatus"))).isEqualTo("DELIVRD");
            await().atMost(WAIT).until(() -> smsc.receiptsSent() == 1);
        }
    }

    @Test
    void camelSmppReconnectsAfterCrashAndGetsQueuedReceipts() throws Exception {
        BlockingQueue<Map<String, Object>> receipts = new LinkedBlockingQueue<>();
        String base = "smpp://passerelle@127.0.0.1:" + smsc.port()
                + "?password=secret&enquireLinkTimer=5000&initialReconnectDelay=100&reconnectDelay=200";
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:send").to(base + "&registeredDelivery=1&sourceAddr=HOPITAL&sourceAddrTon=5");
                    from(base).process(e -> receipts.add(Map.copyOf(e.getMessage().getHeaders())));
                }
            });
            camel.start();
            await().atMost(WAIT).until(() -> smsc.boundSessions() == 2);
            ProducerTemplate producer = camel.createProducerTemplate();

            smsc.holdDeliveries(true); // the first receipt falls due while the SMSC is down, however slow this machine
            String first = sendThroughCamel(producer);
            smsc.crash();
            Exchange during = producer.request("direct:send", e -> {
                e.getMessage().setBody("pendant la panne");
                e.getMessage().setHeader("CamelSmppDestAddr", PATIENT);
            });
            assertThat(during.getException()).isNotNull();
            await().atMost(WAIT).until(() -> smsc.pendingDeliveries() == 1);

            smsc.holdDeliveries(false);
            smsc.restart();
            await().atMost(WAIT).until(() -> smsc.boundSessions() == 2);
            Map<String, Object> queued = receipts.poll(10, TimeUnit.SECONDS);
            assertThat(queued).isNotNull();
            assertThat(queued.get("CamelSmppId")).isEqualTo(first);

            String second = sendThroughCamel(producer);
            Map<String, Object> next = receipts.poll(10, TimeUnit.SECONDS);
            assertThat(next).isNotNull();
            assertThat(next.get("CamelSmppId")).isEqualTo(second);
        }
    }

    private static String sendThroughCamel(ProducerTemplate producer) {
        Exchange result = producer.request("direct:send", e -> {
            e.getMessage().setBody("Rappel: RDV le 02/12 a 14h30");
            e.getMessage().setHeader("CamelSmppDestAddr", PATIENT);
        });
        assertThat(result.getException()).isNull();
        return (String) ((List<?>) result.getMessage().getHeader("CamelSmppId")).get(0);
    }

    // ------------------------------------------------------------------ helpers

    private SMPPSession bind(BindType type, BlockingQueue<DeliverSm> deliveries) throws Exception {
        SMPPSession session = new SMPPSession();
        clients.add(session);
        if (deliveries != null) {
            session.setMessageReceiverListener(new MessageReceiverListener() {
                @Override
                public void onAcceptDeliverSm(DeliverSm deliverSm) {
                    deliveries.add(deliverSm);
                }

                @Override
                public void onAcceptAlertNotification(AlertNotification alertNotification) {
                }

                @Override
                public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
                    return null;
                }
            });
        }
        session.connectAndBind("127.0.0.1", smsc.port(), bindParameter(type));
        return session;
    }

    private static BindParameter bindParameter(BindType type) {
        return new BindParameter(type, "passerelle", "secret", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null);
    }

    private static String submit(SMPPSession session, String text, SMSCDeliveryReceipt receipt) throws Exception {
        return session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "HOPITAL",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, PATIENT,
                new ESMClass(), (byte) 0, (byte) 0, null, null, new RegisteredDelivery(receipt), (byte) 0,
                new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), (byte) 0,
                text.getBytes(StandardCharsets.ISO_8859_1)).getMessageId();
    }
}
