package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.CASHIER;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.testsupport.terminal.Behaviour;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * PCI DSS: whatever a cashier types or a backend sends, no PAN, track data, CVV or expiry is stored in
 * any table or written to the log, and the log carries neither the hospital reference nor the cashier label.
 */
@ExtendWith(OutputCaptureExtension.class)
class CardDataNeverStoredTest extends PaymentTestBase {

    private static final String PAN = "4970101234567893";
    private static final String TRACK = "4970101234567893=29121010000012300000";
    private static final String REFERENCE = "ACCT-7781-ZZQ";
    private static final String LABEL = "Guichet Mme Quéméneur";

    @Test
    void noCardDataInAnyTableOrInTheLog(CapturedOutput output) {
        String terminal = newTerminal();
        BACKEND.on(terminal, Behaviour.LEAK_CARD_DATA);
        String bodyWithCardFields = "{\"terminalId\":\"" + terminal + "\",\"amountMinor\":3150,\"reference\":\"" + REFERENCE
                + "\",\"cashierLabel\":\"" + LABEL + "\",\"pan\":\"" + PAN + "\",\"expiry\":\"12/29\",\"cvv\":\"737\","
                + "\"track2\":\"" + TRACK + "\"}";
        String id = json(post(CASHIER, "/api/payments", UUID.randomUUID().toString(), bodyWithCardFields)).path("id").asText();
        JsonNode approved = awaitState(id, "APPROVED");
        assertThat(approved.path("card").path("maskedPan").asText()).isEqualTo("497010******7893");
        assertThat(approved.path("card").path("scheme").isMissingNode()).as("a brand carrying digits is dropped").isTrue();
        assertThat(approved.path("card").path("authCode").isMissingNode()).as("an approval code of 16 digits is dropped").isTrue();
        assertThat(approved.toString()).doesNotContain(PAN).doesNotContain("2912101").doesNotContain("cvc");

        // refunds and unknown outcomes go through the journal too
        assertThat(post(CASHIER, "/api/payments/" + id + "/refunds", UUID.randomUUID().toString(), "{\"amountMinor\":150}")
                .status()).isEqualTo(201);
        String lost = newTerminal();
        BACKEND.on(lost, Behaviour.APPROVE_THEN_DROP);
        awaitState(start(lost, 999), "APPROVED");

        // a card number typed as the reference is refused before anything is stored
        assertThat(post(CASHIER, "/api/payments", UUID.randomUUID().toString(),
                body(newTerminal(), 100).replace("FAC-2026-0042", PAN)).status()).isEqualTo(400);

        assertThat(tables()).as("the scan covers the journal")
                .anyMatch("payment"::equalsIgnoreCase).anyMatch("refund"::equalsIgnoreCase)
                .anyMatch("payment_event"::equalsIgnoreCase).anyMatch("recovery_task"::equalsIgnoreCase);
        for (String table : tables()) {
            for (Map<String, Object> row : jdbc.sql("select * from \"" + table + "\"").query().listOfRows()) {
                for (Map.Entry<String, Object> cell : row.entrySet()) {
                    String value = String.valueOf(cell.getValue());
                    assertThat(value).as(table + "." + cell.getKey())
                            .doesNotContain(PAN).doesNotContain("1234567893").doesNotContain("2912101")
                            .doesNotContainIgnoringCase("cvc=").doesNotContainIgnoringCase("expiry");
                }
            }
        }
        assertThat(output.getAll())
                .doesNotContain(PAN).doesNotContain("1234567893").doesNotContain("2912101").doesNotContain("cvc=")
                .doesNotContain(REFERENCE).doesNotContain(LABEL).doesNotContain("FAC-2026-0042");
    }

    private List<String> tables() {
        return jdbc.sql("select table_name from information_schema.tables where lower(table_schema) = lower(current_schema) "
                        + "and table_type = 'BASE TABLE'")
                .query(String.class).list();
    }
}
