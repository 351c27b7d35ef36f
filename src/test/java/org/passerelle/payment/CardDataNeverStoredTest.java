package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.CASHIER;
import static org.passerelle.testsupport.Role.OPS;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.testsupport.CardDataScan;
import org.passerelle.testsupport.terminal.Behaviour;
import org.passerelle.testsupport.terminal.CarelessCard;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * PCI DSS: whatever a cashier types or a backend sends, no PAN, track data, CVV or expiry is stored in
 * any table or written to the log, and the log carries neither the hospital reference nor the cashier label.
 * The fake backend sends the full card data of {@link CarelessCard} with every approval; {@link CardDataScan}
 * looks for each of its values, in every form, in every cell of every table and every captured log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class CardDataNeverStoredTest extends PaymentTestBase {

    private static final String REFERENCE = "ACCT-7781-ZZQ";
    private static final String LABEL = "Guichet Mme Quéméneur";

    @Test
    void noCardDataInAnyTableOrInTheLog(CapturedOutput output) {
        String terminal = newTerminal();
        BACKEND.on(terminal, Behaviour.LEAK_CARD_DATA);
        String bodyWithCardFields = "{\"terminalId\":\"" + terminal + "\",\"amountMinor\":3150,\"reference\":\"" + REFERENCE
                + "\",\"cashierLabel\":\"" + LABEL + "\",\"pan\":\"" + CarelessCard.PAN + "\",\"expiry\":\""
                + CarelessCard.EXPIRY_MM_YY + "\",\"cvv\":\"" + CarelessCard.CVV + "\",\"track2\":\"" + CarelessCard.TRACK2 + "\"}";
        String id = json(post(CASHIER, "/api/payments", UUID.randomUUID().toString(), bodyWithCardFields)).path("id").asText();
        JsonNode approved = awaitState(id, "APPROVED");
        assertThat(approved.path("card").path("maskedPan").asText()).isEqualTo("411111******1111");
        assertThat(approved.path("card").path("scheme").isMissingNode()).as("a brand carrying digits is dropped").isTrue();
        assertThat(approved.path("card").path("authCode").isMissingNode()).as("an approval code of 16 digits is dropped").isTrue();
        assertThat(CardDataScan.inValue("the payment as the API shows it", approved.toString())).isEmpty();

        // an ordinary approval carries the full card data too (careless backend); refunds and unknown outcomes
        // go through the journal as well
        String plain = start(newTerminal(), 2_000);
        awaitState(plain, "APPROVED");
        assertThat(post(CASHIER, "/api/payments/" + id + "/refunds", UUID.randomUUID().toString(), "{\"amountMinor\":150}")
                .status()).isEqualTo(201);
        String lost = newTerminal();
        BACKEND.on(lost, Behaviour.APPROVE_THEN_DROP);
        awaitState(start(lost, 999), "APPROVED");

        // a card number typed as the reference, the label or an ops reason is refused before anything is stored
        assertThat(post(CASHIER, "/api/payments", UUID.randomUUID().toString(),
                body(newTerminal(), 100).replace("FAC-2026-0042", "4111.1111.1111.1111")).status()).isEqualTo(400);
        assertThat(post(CASHIER, "/api/payments", UUID.randomUUID().toString(),
                body(newTerminal(), 100).replace("Caisse 2", "Caisse 4111_1111_1111_1111")).status()).isEqualTo(400);
        assertThat(api.as(OPS).post("/api/channels/sms/suspend", "{\"reason\":\"card 4111/1111/1111/1111 exp 12/28\"}")
                .status()).isEqualTo(400);

        assertThat(CardDataScan.tables(jdbc)).as("the scan covers the journal and the audit")
                .anyMatch("payment"::equalsIgnoreCase).anyMatch("refund"::equalsIgnoreCase)
                .anyMatch("payment_event"::equalsIgnoreCase).anyMatch("recovery_task"::equalsIgnoreCase)
                .anyMatch("channel_audit"::equalsIgnoreCase);
        assertThat(CardDataScan.inDatabase(jdbc)).as("card data in the database").isEmpty();
        assertThat(CardDataScan.inLog(output.getAll())).as("card data in the log").isEmpty();
        assertThat(output.getAll()).doesNotContain(REFERENCE).doesNotContain(LABEL).doesNotContain("FAC-2026-0042");
    }

    /** The scan is only worth something if it finds what it looks for: planted in a table of the same schema. */
    @Test
    void theDatabaseScanFindsCardDataPlantedInAnyTable() {
        jdbc.sql("create table scan_self_check (id int primary key, note varchar(200), code varchar(20))").update();
        try {
            assertThat(CardDataScan.inDatabase(jdbc)).as("nothing planted yet").noneMatch(f -> f.contains("scan_self_check"));
            String[] planted = {"card 4111.1111.1111.1111", "4111 1111 1111 1111", CarelessCard.TRACK2, "exp " + CarelessCard.EXPIRY_MM_YY,
                    "expiry " + CarelessCard.EXPIRY_YYMM, "valid " + CarelessCard.EXPIRY_MMYY, "cvv " + CarelessCard.CVV,
                    CarelessCard.TRACK1, "x " + CarelessCard.TRACK_DISCRETIONARY};
            for (int i = 0; i < planted.length; i++) {
                jdbc.sql("insert into scan_self_check (id, note, code) values (:id, :note, 'ok')")
                        .param("id", i).param("note", planted[i]).update();
            }
            assertThat(CardDataScan.inDatabase(jdbc).stream().filter(f -> f.toLowerCase().contains("scan_self_check")))
                    .as("every planted value is found").hasSizeGreaterThanOrEqualTo(planted.length);
        } finally {
            jdbc.sql("drop table scan_self_check").update();
        }
    }
}
