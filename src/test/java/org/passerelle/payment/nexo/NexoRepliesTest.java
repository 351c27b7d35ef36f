package org.passerelle.payment.nexo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping table from nexo Result / ErrorCondition to what it means, and lenient reading. */
class NexoRepliesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NexoMessages.Outgoing SENT = NexoMessages.payment("PASSERELLE", "T1", "SVC0000001", "pay-1",
            Instant.parse("2026-11-28T10:00:00Z"), 1234, "EUR");

    @ParameterizedTest(name = "{0} / {1} → {2}")
    @CsvSource(nullValues = "-", value = {
            "Success, -, APPROVED",
            "success, -, APPROVED",
            "Failure, Refusal, DECLINED",
            "Failure, WrongPIN, DECLINED",
            "Failure, InvalidCard, DECLINED",
            "Failure, PaymentRestriction, DECLINED",
            "Failure, Cancel, CANCELLED",
            "Failure, Aborted, CANCELLED",
            "Failure, Busy, FAILED",
            "Failure, DeviceOut, FAILED",
            "Failure, UnavailableDevice, FAILED",
            "Failure, UnavailableService, FAILED",
            "Failure, LoggedOut, FAILED",
            "Failure, MessageFormat, FAILED",
            "Failure, NotAllowed, FAILED",
            "Failure, InsertedCard, FAILED",
            "Failure, InProgress, IN_DOUBT",
            "Failure, UnreachableHost, IN_DOUBT",
            "Failure, NotFound, UNCLEAR",
            "Failure, -, UNCLEAR",
            "Failure, SomethingNew, UNCLEAR",
            "Partial, -, UNCLEAR",
            "Maybe, -, UNCLEAR",
            "-, -, UNCLEAR"})
    void paymentMappingTable(String result, String condition, Verdict expected) {
        assertThat(NexoReplies.paymentVerdict(result, condition)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "reversal {0} / {1} → {2}")
    @CsvSource(nullValues = "-", value = {
            "Success, -, APPROVED",
            "Failure, NotAllowed, DECLINED",
            "Failure, Refusal, DECLINED",
            "Failure, NotFound, DECLINED",
            "Failure, Busy, FAILED",
            "Failure, UnreachableHost, IN_DOUBT",
            "Failure, Whatever, UNCLEAR",
            "Partial, -, UNCLEAR"})
    void reversalMappingTable(String result, String condition, Verdict expected) {
        assertThat(NexoReplies.reversalVerdict(result, condition)).isEqualTo(expected);
    }

    @Test
    void anApprovalIsReadWithItsCardDataAndUnknownFieldsIgnored() throws Exception {
        TerminalAnswer a = NexoReplies.payment(reply("""
                {"Response":{"Result":"Success","AdditionalResponse":"tid=1&pan=4111111111111111"},"NewField":{"x":1},
                 "POIData":{"POITransactionID":{"TransactionID":"oLkO001517998574000.8815179985747548","TimeStamp":"2026-11-28T10:00:01.000Z"}},
                 "PaymentResult":{"PaymentInstrumentData":{"CardData":{"PaymentBrand":"mc","MaskedPan":"5413 33** **** 4444"}},
                   "AmountsResp":{"Currency":"EUR","AuthorizedAmount":12.34},"PaymentAcquirerData":{"ApprovalCode":"123456"}}}
                """), SENT, 1234, "EUR");
        assertThat(a.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(a.cardScheme()).isEqualTo("mc");
        assertThat(a.maskedPan()).isEqualTo("541333******4444");
        assertThat(a.authCode()).isEqualTo("123456");
        assertThat(a.poiTransactionId()).isEqualTo("oLkO001517998574000.8815179985747548");
        assertThat(a.toString()).doesNotContain("4111111111111111");
    }

    @Test
    void anApprovalForAnotherAmountOrCurrencyIsNotAnApproval() throws Exception {
        String approved = """
                {"Response":{"Result":"Success"},"PaymentResult":{"AmountsResp":{"Currency":"%s","AuthorizedAmount":%s}}}""";
        assertThat(NexoReplies.payment(reply(approved.formatted("EUR", "10.00")), SENT, 1234, "EUR").verdict())
                .isEqualTo(Verdict.UNCLEAR);
        assertThat(NexoReplies.payment(reply(approved.formatted("USD", "12.34")), SENT, 1234, "EUR").verdict())
                .isEqualTo(Verdict.UNCLEAR);
        assertThat(NexoReplies.payment(reply(approved.formatted("EUR", "12.340")), SENT, 1234, "EUR").verdict())
                .isEqualTo(Verdict.APPROVED);
    }

    @Test
    void anAnswerToAnotherRequestOrWithoutPaymentResponseIsMalformed() {
        JsonNode other = envelope("OTHER00001", "PaymentResponse", "{\"Response\":{\"Result\":\"Success\"}}");
        assertThatThrownBy(() -> NexoReplies.payment(other, SENT, 1234, "EUR"))
                .isInstanceOfSatisfying(TerminalBackendException.class,
                        e -> assertThat(e.kind()).isEqualTo(TerminalBackendException.Kind.MALFORMED));
        JsonNode event = envelope("SVC0000001", "EventNotification", "{}");
        assertThatThrownBy(() -> NexoReplies.payment(event, SENT, 1234, "EUR")).isInstanceOf(TerminalBackendException.class);
        assertThatThrownBy(() -> NexoReplies.payment(JSON.missingNode(), SENT, 1234, "EUR")).isInstanceOf(TerminalBackendException.class);
    }

    @Test
    void transactionStatusTellsProcessedInProgressAndNotFound() throws Exception {
        NexoMessages.Outgoing status = NexoMessages.transactionStatus("PASSERELLE", "T1", "STATUS0001",
                MessageCategory.Payment, "SVC0000001");
        StatusAnswer processed = NexoReplies.transactionStatus(envelope("STATUS0001", "TransactionStatusResponse", """
                {"Response":{"Result":"Success"},"RepeatedMessageResponse":{"MessageHeader":{"ServiceID":"SVC0000001"},
                 "RepeatedResponseMessageBody":{"PaymentResponse":{"Response":{"Result":"Failure","ErrorCondition":"Refusal"}}}}}"""),
                status, MessageCategory.Payment, "SVC0000001", 1234, "EUR");
        assertThat(processed.kind()).isEqualTo(StatusAnswer.Kind.PROCESSED);
        assertThat(processed.original().verdict()).isEqualTo(Verdict.DECLINED);

        assertThat(NexoReplies.transactionStatus(envelope("STATUS0001", "TransactionStatusResponse",
                "{\"Response\":{\"Result\":\"Failure\",\"ErrorCondition\":\"InProgress\"}}"), status, MessageCategory.Payment,
                "SVC0000001", 1234, "EUR").kind()).isEqualTo(StatusAnswer.Kind.IN_PROGRESS);
        assertThat(NexoReplies.transactionStatus(envelope("STATUS0001", "TransactionStatusResponse",
                "{\"Response\":{\"Result\":\"Failure\",\"ErrorCondition\":\"NotFound\"}}"), status, MessageCategory.Payment,
                "SVC0000001", 1234, "EUR").kind()).isEqualTo(StatusAnswer.Kind.NOT_FOUND);
        assertThat(NexoReplies.transactionStatus(envelope("STATUS0001", "TransactionStatusResponse", """
                {"Response":{"Result":"Success"},"RepeatedMessageResponse":{"MessageHeader":{"ServiceID":"ANOTHER001"},
                 "RepeatedResponseMessageBody":{"PaymentResponse":{"Response":{"Result":"Success"}}}}}"""),
                status, MessageCategory.Payment, "SVC0000001", 1234, "EUR").kind())
                .as("a repeated answer about another payment is not ours").isEqualTo(StatusAnswer.Kind.UNCLEAR);
    }

    @Test
    void messagesCarryTheNexoHeaderAndDecimalAmounts() {
        JsonNode header = SENT.body().path("SaleToPOIRequest").path("MessageHeader");
        assertThat(header.path("MessageCategory").asText()).isEqualTo("Payment");
        assertThat(header.path("ServiceID").asText()).isEqualTo("SVC0000001");
        assertThat(SENT.body().path("SaleToPOIRequest").path("PaymentRequest").path("PaymentTransaction")
                .path("AmountsReq").path("RequestedAmount").decimalValue()).isEqualByComparingTo("12.34");
        NexoMessages.Outgoing yen = NexoMessages.payment("S", "T", "SVC", "p", Instant.EPOCH, 1234, "JPY");
        assertThat(yen.body().toString()).contains("\"RequestedAmount\":1234");
        assertThat(ServiceIds.next()).hasSize(10).matches("[0-9A-Z]{10}");
    }

    private static JsonNode reply(String paymentResponse) {
        return envelope("SVC0000001", "PaymentResponse", paymentResponse);
    }

    private static JsonNode envelope(String serviceId, String name, String body) {
        try {
            return JSON.readTree("{\"SaleToPOIResponse\":{\"MessageHeader\":{\"MessageCategory\":\"Payment\",\"ServiceID\":\""
                    + serviceId + "\"},\"" + name + "\":" + body + "}}");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
