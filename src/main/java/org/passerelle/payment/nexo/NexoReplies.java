package org.passerelle.payment.nexo;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Reads SaleToPOIResponse messages leniently: fields we do not know are ignored, values we do not know
 * never become DECLINED. The mapping table lives in {@link #paymentVerdict} and {@link #reversalVerdict}.
 */
public final class NexoReplies {

    /** Failure + ErrorCondition → meaning, for a PaymentResponse. Absent conditions are UNCLEAR. */
    private static final Map<String, Verdict> PAYMENT_FAILURES = Map.ofEntries(
            Map.entry("refusal", Verdict.DECLINED),
            Map.entry("wrongpin", Verdict.DECLINED),
            Map.entry("invalidcard", Verdict.DECLINED),
            Map.entry("paymentrestriction", Verdict.DECLINED),
            Map.entry("cancel", Verdict.CANCELLED),
            Map.entry("aborted", Verdict.CANCELLED),
            Map.entry("busy", Verdict.FAILED),
            Map.entry("deviceout", Verdict.FAILED),
            Map.entry("unavailabledevice", Verdict.FAILED),
            Map.entry("unavailableservice", Verdict.FAILED),
            Map.entry("loggedout", Verdict.FAILED),
            Map.entry("messageformat", Verdict.FAILED),
            Map.entry("notallowed", Verdict.FAILED),
            Map.entry("insertedcard", Verdict.FAILED),
            Map.entry("inprogress", Verdict.IN_DOUBT),
            Map.entry("unreachablehost", Verdict.IN_DOUBT));

    /** Failure + ErrorCondition → meaning, for a ReversalResponse: nothing was given back unless in doubt. */
    private static final Map<String, Verdict> REVERSAL_FAILURES = Map.ofEntries(
            Map.entry("refusal", Verdict.DECLINED),
            Map.entry("notallowed", Verdict.DECLINED),
            Map.entry("notfound", Verdict.DECLINED),
            Map.entry("cancel", Verdict.CANCELLED),
            Map.entry("aborted", Verdict.CANCELLED),
            Map.entry("busy", Verdict.FAILED),
            Map.entry("deviceout", Verdict.FAILED),
            Map.entry("unavailabledevice", Verdict.FAILED),
            Map.entry("unavailableservice", Verdict.FAILED),
            Map.entry("loggedout", Verdict.FAILED),
            Map.entry("messageformat", Verdict.FAILED),
            Map.entry("inprogress", Verdict.IN_DOUBT),
            Map.entry("unreachablehost", Verdict.IN_DOUBT));

    private NexoReplies() {
    }

    /** Result + ErrorCondition of a PaymentResponse → verdict. */
    public static Verdict paymentVerdict(String result, String errorCondition) {
        return verdict(result, errorCondition, PAYMENT_FAILURES);
    }

    public static Verdict reversalVerdict(String result, String errorCondition) {
        return verdict(result, errorCondition, REVERSAL_FAILURES);
    }

    private static Verdict verdict(String result, String errorCondition, Map<String, Verdict> failures) {
        String r = lower(result);
        if ("success".equals(r)) {
            return Verdict.APPROVED;
        }
        if ("failure".equals(r)) {
            Verdict v = errorCondition == null ? null : failures.get(lower(errorCondition));
            return v == null ? Verdict.UNCLEAR : v;
        }
        return Verdict.UNCLEAR; // "Partial", absent or unheard-of Result
    }

    /** The answer to our PaymentRequest. Checks it really answers {@code sent} and the amount approved is the one asked. */
    public static TerminalAnswer payment(JsonNode reply, NexoMessages.Outgoing sent, long amountMinor, String currency)
            throws TerminalBackendException {
        JsonNode response = body(reply, sent, "PaymentResponse");
        return readPayment(response, amountMinor, currency);
    }

    public static TerminalAnswer reversal(JsonNode reply, NexoMessages.Outgoing sent) throws TerminalBackendException {
        return readReversal(body(reply, sent, "ReversalResponse"));
    }

    /** The answer to a TransactionStatusRequest about {@code originalServiceId}. */
    public static StatusAnswer transactionStatus(JsonNode reply, NexoMessages.Outgoing sent, MessageCategory originalCategory,
                                                 String originalServiceId, long amountMinor, String currency)
            throws TerminalBackendException {
        JsonNode status = body(reply, sent, "TransactionStatusResponse");
        JsonNode response = status.path("Response");
        String result = lower(text(response, "Result"));
        String condition = lower(text(response, "ErrorCondition"));
        if ("failure".equals(result)) {
            if ("inprogress".equals(condition)) {
                return new StatusAnswer(StatusAnswer.Kind.IN_PROGRESS, null, "the terminal is still working on it");
            }
            if ("notfound".equals(condition)) {
                return new StatusAnswer(StatusAnswer.Kind.NOT_FOUND, null, "the backend has no record of it");
            }
            return new StatusAnswer(StatusAnswer.Kind.UNCLEAR, null,
                    "status inquiry failed (" + CardFields.condition(text(response, "ErrorCondition")) + ")");
        }
        if (!"success".equals(result)) {
            return new StatusAnswer(StatusAnswer.Kind.UNCLEAR, null, "status answer without a readable Result");
        }
        JsonNode repeated = status.path("RepeatedMessageResponse");
        String repeatedServiceId = text(repeated.path("MessageHeader"), "ServiceID");
        if (repeatedServiceId != null && !repeatedServiceId.equals(originalServiceId)) {
            return new StatusAnswer(StatusAnswer.Kind.UNCLEAR, null, "status answer is about another request");
        }
        JsonNode body = repeated.path("RepeatedResponseMessageBody");
        if (originalCategory == MessageCategory.Payment && body.path("PaymentResponse").isObject()) {
            return new StatusAnswer(StatusAnswer.Kind.PROCESSED,
                    readPayment(body.path("PaymentResponse"), amountMinor, currency), "from TransactionStatus");
        }
        if (originalCategory == MessageCategory.Reversal && body.path("ReversalResponse").isObject()) {
            return new StatusAnswer(StatusAnswer.Kind.PROCESSED, readReversal(body.path("ReversalResponse")),
                    "from TransactionStatus");
        }
        return new StatusAnswer(StatusAnswer.Kind.UNCLEAR, null, "status answer without the original response");
    }

    /** A DiagnosisResponse: true when the backend says it is fine. */
    public static boolean diagnosisOk(JsonNode reply, NexoMessages.Outgoing sent) throws TerminalBackendException {
        JsonNode response = body(reply, sent, "DiagnosisResponse").path("Response");
        return "success".equals(lower(text(response, "Result")));
    }

    private static TerminalAnswer readPayment(JsonNode response, long amountMinor, String currency) {
        JsonNode r = response.path("Response");
        String result = text(r, "Result");
        String condition = CardFields.condition(text(r, "ErrorCondition"));
        Verdict verdict = paymentVerdict(result, condition);
        JsonNode paymentResult = response.path("PaymentResult");
        JsonNode card = paymentResult.path("PaymentInstrumentData").path("CardData");
        JsonNode poiTransaction = response.path("POIData").path("POITransactionID");
        String reason = reason(verdict, result, condition);
        if (verdict == Verdict.APPROVED) {
            String mismatch = amountMismatch(paymentResult.path("AmountsResp"), amountMinor, currency);
            if (mismatch != null) {
                verdict = Verdict.UNCLEAR;
                reason = mismatch;
            }
        }
        return new TerminalAnswer(verdict, condition,
                CardFields.scheme(text(card, "PaymentBrand")),
                CardFields.maskPan(text(card, "MaskedPan")),
                CardFields.approvalCode(text(paymentResult.path("PaymentAcquirerData"), "ApprovalCode")),
                CardFields.transactionId(text(poiTransaction, "TransactionID")),
                CardFields.timestamp(text(poiTransaction, "TimeStamp")),
                reason);
    }

    private static TerminalAnswer readReversal(JsonNode response) {
        JsonNode r = response.path("Response");
        String result = text(r, "Result");
        String condition = CardFields.condition(text(r, "ErrorCondition"));
        Verdict verdict = reversalVerdict(result, condition);
        JsonNode poiTransaction = response.path("POIData").path("POITransactionID");
        return new TerminalAnswer(verdict, condition, null, null, null,
                CardFields.transactionId(text(poiTransaction, "TransactionID")),
                CardFields.timestamp(text(poiTransaction, "TimeStamp")),
                reason(verdict, result, condition));
    }

    /** An approval for another amount or currency than requested is not an approval of this payment. */
    private static String amountMismatch(JsonNode amounts, long amountMinor, String currency) {
        String answeredCurrency = text(amounts, "Currency");
        if (answeredCurrency != null && !answeredCurrency.equals(currency)) {
            return "approved in another currency than requested";
        }
        JsonNode authorized = amounts.path("AuthorizedAmount");
        if (authorized.isMissingNode() || authorized.isNull()) {
            return null;
        }
        try {
            BigDecimal value = authorized.isNumber() ? authorized.decimalValue() : new BigDecimal(authorized.asText());
            return NexoAmounts.toMinor(value, currency) == amountMinor ? null : "approved amount differs from the requested amount";
        } catch (ArithmeticException | NumberFormatException e) {
            return "approved amount unreadable";
        }
    }

    private static String reason(Verdict verdict, String result, String condition) {
        return switch (verdict) {
            case APPROVED -> "approved";
            case DECLINED -> "declined (" + condition + ")";
            case CANCELLED -> "cancelled (" + condition + ")";
            case FAILED -> "not done by the terminal (" + condition + ")";
            case IN_DOUBT -> "no final answer yet (" + condition + ")";
            case UNCLEAR -> "unreadable answer: Result " + CardFields.condition(result)
                    + (condition == null ? "" : ", ErrorCondition " + condition);
        };
    }

    /** The named response of the SaleToPOIResponse answering {@code sent}, or MALFORMED. */
    private static JsonNode body(JsonNode reply, NexoMessages.Outgoing sent, String name) throws TerminalBackendException {
        JsonNode root = reply == null ? null : reply.get("SaleToPOIResponse");
        if (root == null || !root.isObject()) {
            throw new TerminalBackendException(TerminalBackendException.Kind.MALFORMED, 200, "answer is not a SaleToPOIResponse");
        }
        String serviceId = text(root.path("MessageHeader"), "ServiceID");
        if (serviceId != null && !serviceId.equals(sent.serviceId())) {
            throw new TerminalBackendException(TerminalBackendException.Kind.MALFORMED, 200,
                    "answer carries another ServiceID than the request");
        }
        JsonNode body = root.get(name);
        if (body == null || !body.isObject()) {
            throw new TerminalBackendException(TerminalBackendException.Kind.MALFORMED, 200, "answer has no " + name);
        }
        return body;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
