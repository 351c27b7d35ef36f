package org.passerelle.sms;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.component.smpp.SmppConstants;
import org.jsmpp.extra.ProcessRequestException;
import org.passerelle.privacy.PhoneProtection;
import org.passerelle.scheduling.ReminderQueue;
import org.passerelle.scheduling.ReminderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What the SMSC sends us (routes/sms-inbound.yaml): delivery receipts and patients' replies. */
@Component("smsInbound")
public class SmsInbound {

    private static final Logger log = LoggerFactory.getLogger(SmsInbound.class);
    private static final int ESME_RX_T_APPN = 0x64;
    private static final int UNKNOWN_ID_RETRIES = 20;
    private static final long UNKNOWN_ID_PAUSE_NANOS = 100_000_000L;
    private static final Set<String> STOP_WORDS = Set.of("STOP", "ARRET", "STOP SMS", "STOP RAPPEL", "STOP RAPPELS", "DESABONNER");

    private final ReminderQueue queue;
    private final PhoneProtection protection;
    private final OptOutStore optOuts;
    private final SmsMetrics metrics;
    private final Clock clock;

    public SmsInbound(ReminderQueue queue, PhoneProtection protection, OptOutStore optOuts, SmsMetrics metrics, Clock clock) {
        this.queue = queue;
        this.protection = protection;
        this.optOuts = optOuts;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void handle(Exchange exchange) throws ProcessRequestException {
        Message in = exchange.getIn();
        String type = in.getHeader(SmppConstants.MESSAGE_TYPE, String.class);
        if ("DeliveryReceipt".equals(type)) {
            receipt(in);
        } else if ("DeliverSm".equals(type) || "DataSm".equals(type)) {
            reply(in);
        }
    }

    private void receipt(Message in) throws ProcessRequestException {
        String messageId = in.getHeader(SmppConstants.ID, String.class);
        Object stat = in.getHeader(SmppConstants.FINAL_STATUS);
        ReminderStatus status = statusOf(stat == null ? null : stat.toString());
        metrics.receipt(status);
        if (status == null || messageId == null) {
            log.info("Receipt with an intermediate or unknown status ignored: {}", stat);
            return;
        }
        for (int attempt = 0; !queue.receipt(messageId, status); attempt++) {
            // The receipt can overtake our record of the submit_sm_resp (another connection, another thread).
            if (attempt == UNKNOWN_ID_RETRIES) {
                log.info("Receipt for message id {} not matched yet; asking the SMSC to deliver it again later", messageId);
                throw new ProcessRequestException("receipt for a message id not known yet", ESME_RX_T_APPN);
            }
            LockSupport.parkNanos(UNKNOWN_ID_PAUSE_NANOS);
        }
    }

    static ReminderStatus statusOf(String stat) {
        if (stat == null) {
            return null;
        }
        return switch (stat.toUpperCase(Locale.ROOT)) {
            case "DELIVRD", "DELIVERED" -> ReminderStatus.DELIVERED;
            case "EXPIRED" -> ReminderStatus.EXPIRED_AT_SMSC;
            case "UNDELIV", "UNDELIVERABLE", "DELETED" -> ReminderStatus.UNDELIVERABLE;
            case "REJECTD", "REJECTED" -> ReminderStatus.REJECTED;
            default -> null; // ENROUTE, ACCEPTD, UNKNOWN: not final
        };
    }

    private void reply(Message in) {
        String text = textOf(in);
        if (!isStop(text)) {
            return; // other replies are not read: the SMS says to call the number given
        }
        String e164 = PhoneNumbers.fromSmscAddress(in.getHeader(SmppConstants.SOURCE_ADDR, String.class),
                in.getHeader(SmppConstants.SOURCE_ADDR_TON, Byte.class));
        if (e164 == null) {
            log.warn("STOP reply from an unreadable address ignored");
            return;
        }
        optOuts.optOut(protection.hash(e164), clock.instant());
        int cancelled = queue.optOut(e164);
        metrics.optOut();
        log.info("STOP reply: number opted out, {} pending reminder(s) cancelled", cancelled);
    }

    static boolean isStop(String text) {
        if (text == null) {
            return false;
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z ]", " ").trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        return STOP_WORDS.contains(plain);
    }

    private static String textOf(Message in) {
        Object body = in.getBody();
        if (body instanceof byte[] bytes) {
            Byte dcs = in.getHeader(SmppConstants.DATA_CODING, Byte.class);
            return dcs != null && (dcs & 0x0F) == 0x08 ? new String(bytes, StandardCharsets.UTF_16BE)
                    : new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return body == null ? null : body.toString();
    }
}
