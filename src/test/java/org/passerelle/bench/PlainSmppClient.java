package org.passerelle.bench;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.LoggingOptions;
import java.util.concurrent.Semaphore;

/**
 * The bare limit of one SMPP bind: a Cloudhopper client that sends submit_sm asynchronously with at most
 * {@code window} unanswered at once, nothing else (no storage, no rate limit, no encoding beyond GSM-7).
 */
final class PlainSmppClient {

    private PlainSmppClient() {
    }

    /** Binds as a transmitter, submits {@code n} messages with the given window, waits for every answer, unbinds. */
    static void submit(int smscPort, int window, int n) throws Exception {
        DefaultSmppClient client = new DefaultSmppClient();
        SmppSessionConfiguration config = new SmppSessionConfiguration();
        config.setType(SmppBindType.TRANSMITTER);
        config.setHost("127.0.0.1");
        config.setPort(smscPort);
        config.setSystemId("plain");
        config.setPassword("secret");
        config.setWindowSize(window);
        config.setRequestExpiryTimeout(30_000);
        LoggingOptions quiet = new LoggingOptions();
        quiet.setLogPdu(false);
        quiet.setLogBytes(false);
        config.setLoggingOptions(quiet);
        Semaphore answered = new Semaphore(0);
        SmppSession session = client.bind(config, new DefaultSmppSessionHandler() {
            @Override
            public void fireExpectedPduResponseReceived(com.cloudhopper.smpp.PduAsyncResponse response) {
                answered.release();
            }
        });
        try {
            byte[] text = CharsetUtil.encode("Rappel : RDV le 12/01 a 10:30, CHU Pontchaillou. Info 0299284321", CharsetUtil.CHARSET_GSM);
            for (int i = 0; i < n; i++) {
                SubmitSm sm = new SubmitSm();
                sm.setSourceAddress(new Address((byte) 0x05, (byte) 0x00, "HOPITAL"));
                sm.setDestAddress(new Address((byte) 0x01, (byte) 0x01, "3399" + String.format("%07d", i)));
                sm.setShortMessage(text);
                // asynchronous: blocks only while the window is full
                session.sendRequestPdu(sm, 30_000, false);
            }
            answered.acquire(n);
            session.unbind(5_000);
        } finally {
            session.destroy();
            client.destroy();
        }
    }
}
