package org.passerelle.payment.nexo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Builds SaleToPOIRequest messages (nexo Sale-to-POI, as Adyen's Terminal API writes them in JSON).
 * Every request has its own ServiceID; follow-ups name the original by SaleID + ServiceID.
 */
public final class NexoMessages {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private NexoMessages() {
    }

    /** One message ready to send, with the header values the answer must echo. */
    public record Outgoing(MessageCategory category, String serviceId, String saleId, String poiId, ObjectNode body) {
    }

    /**
     * A card payment. The hospital's reference stays in the hospital: the terminal sees our payment id
     * as the sale transaction id.
     */
    public static Outgoing payment(String saleId, String poiId, String serviceId, String paymentId, Instant at,
                                   long amountMinor, String currency) {
        ObjectNode request = JSON.objectNode();
        request.set("SaleData", JSON.objectNode().set("SaleTransactionID", transactionId(paymentId, at)));
        ObjectNode amounts = JSON.objectNode()
                .put("Currency", currency)
                .put("RequestedAmount", NexoAmounts.toMajor(amountMinor, currency));
        request.set("PaymentTransaction", JSON.objectNode().set("AmountsReq", amounts));
        return envelope(MessageCategory.Payment, saleId, poiId, serviceId, "PaymentRequest", request);
    }

    /** Asks what became of an earlier Payment or Reversal request. */
    public static Outgoing transactionStatus(String saleId, String poiId, String serviceId,
                                             MessageCategory originalCategory, String originalServiceId) {
        ObjectNode request = JSON.objectNode();
        request.set("MessageReference", reference(originalCategory, saleId, originalServiceId));
        return envelope(MessageCategory.TransactionStatus, saleId, poiId, serviceId, "TransactionStatusRequest", request);
    }

    /** Asks the terminal to stop a payment whose card prompt is open. No answer of its own. */
    public static Outgoing abort(String saleId, String poiId, String serviceId, String originalServiceId) {
        ObjectNode request = JSON.objectNode();
        request.put("AbortReason", "MerchantAbort");
        request.set("MessageReference", reference(MessageCategory.Payment, saleId, originalServiceId));
        return envelope(MessageCategory.Abort, saleId, poiId, serviceId, "AbortRequest", request);
    }

    /** Gives back all or part of an approved payment, named by the terminal's own transaction reference. */
    public static Outgoing reversal(String saleId, String poiId, String serviceId, String refundId, Instant at,
                                    String originalPoiTransactionId, String originalPoiTransactionTime,
                                    long amountMinor, String currency) {
        ObjectNode original = JSON.objectNode();
        ObjectNode poiTransaction = JSON.objectNode().put("TransactionID", originalPoiTransactionId);
        if (originalPoiTransactionTime != null) {
            poiTransaction.put("TimeStamp", originalPoiTransactionTime);
        }
        original.set("POITransactionID", poiTransaction);
        ObjectNode request = JSON.objectNode();
        request.set("SaleData", JSON.objectNode().set("SaleTransactionID", transactionId(refundId, at)));
        request.set("OriginalPOITransaction", original);
        request.put("ReversalReason", "MerchantCancel");
        request.put("ReversedAmount", NexoAmounts.toMajor(amountMinor, currency));
        return envelope(MessageCategory.Reversal, saleId, poiId, serviceId, "ReversalRequest", request);
    }

    /** Cheap health probe of the backend and its host connection. */
    public static Outgoing diagnosis(String saleId, String poiId, String serviceId) {
        ObjectNode request = JSON.objectNode().put("HostDiagnosisFlag", true);
        return envelope(MessageCategory.Diagnosis, saleId, poiId, serviceId, "DiagnosisRequest", request);
    }

    private static ObjectNode transactionId(String id, Instant at) {
        return JSON.objectNode().put("TransactionID", id).put("TimeStamp", at.truncatedTo(ChronoUnit.MILLIS).toString());
    }

    private static ObjectNode reference(MessageCategory category, String saleId, String serviceId) {
        return JSON.objectNode().put("MessageCategory", category.name()).put("SaleID", saleId).put("ServiceID", serviceId);
    }

    private static Outgoing envelope(MessageCategory category, String saleId, String poiId, String serviceId,
                                     String bodyName, ObjectNode request) {
        ObjectNode header = JSON.objectNode()
                .put("ProtocolVersion", "3.0")
                .put("MessageClass", "Service")
                .put("MessageCategory", category.name())
                .put("MessageType", "Request")
                .put("ServiceID", serviceId)
                .put("SaleID", saleId)
                .put("POIID", poiId);
        ObjectNode inner = JSON.objectNode();
        inner.set("MessageHeader", header);
        inner.set(bodyName, request);
        ObjectNode root = JSON.objectNode();
        root.set("SaleToPOIRequest", inner);
        return new Outgoing(category, serviceId, saleId, poiId, root);
    }
}
