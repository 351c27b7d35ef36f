package org.passerelle.testsupport.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A terminal backend for tests: a real HTTP server speaking nexo Sale-to-POI JSON (as Adyen's Terminal
 * API), written from the protocol, not from Passerelle's code. Behaviour per terminal (POIID) is scripted;
 * it remembers what it processed so TransactionStatus, AbortRequest and ReversalRequest answer like a real
 * backend, and it records every request for assertions. Like a careless backend, every approval carries the
 * full card data of {@link CarelessCard} (PAN, expiry, CVV, track data) besides the masked PAN.
 */
public final class FakeTerminalBackend implements AutoCloseable {

    public enum StatusMode { NORMAL, HTTP_500, ALWAYS_IN_PROGRESS }

    public enum ReversalMode { NORMAL, DECLINE, HTTP_500 }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-terminal-backend");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, Txn> transactions = new ConcurrentHashMap<>();
    private final AtomicInteger poiSequence = new AtomicInteger(1000);
    private volatile Behaviour defaultBehaviour = Behaviour.APPROVE;
    private volatile StatusMode statusMode = StatusMode.NORMAL;
    private volatile ReversalMode reversalMode = ReversalMode.NORMAL;
    private volatile String expectedApiKey;
    private volatile CountDownLatch release = new CountDownLatch(1);
    public volatile long slowMillis = 500;

    /** A payment or reversal the backend knows about. */
    private static final class Txn {
        final String category;
        final ObjectNode header;
        final String poiId;
        final BigDecimal amount;
        final String currency;
        volatile ObjectNode response; // null while in progress
        final CountDownLatch aborted = new CountDownLatch(1);
        volatile BigDecimal reversed = BigDecimal.ZERO;
        volatile String poiTransactionId;

        Txn(String category, ObjectNode header, String poiId, BigDecimal amount, String currency) {
            this.category = category;
            this.header = header;
            this.poiId = poiId;
            this.amount = amount;
            this.currency = currency;
        }
    }

    private FakeTerminalBackend() throws IOException {
        // without it the JDK server's separate header and body writes meet delayed ACKs: 40 ms stalls
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeTerminalBackend started() {
        try {
            return new FakeTerminalBackend();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sync";
    }

    public void on(String terminalId, Behaviour behaviour) {
        behaviours.put(terminalId, behaviour);
    }

    public void statusMode(StatusMode mode) {
        this.statusMode = mode;
    }

    public void reversalMode(ReversalMode mode) {
        this.reversalMode = mode;
    }

    public void expectApiKey(String key) {
        this.expectedApiKey = key;
    }

    /** Forgets scripts (not what was processed) and releases requests held open. */
    public void reset() {
        behaviours.clear();
        defaultBehaviour = Behaviour.APPROVE;
        statusMode = StatusMode.NORMAL;
        reversalMode = ReversalMode.NORMAL;
        slowMillis = 500;
        releaseHeld();
    }

    public void releaseHeld() {
        CountDownLatch old = release;
        release = new CountDownLatch(1);
        old.countDown();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String category, String poiId) {
        return received.stream().filter(r -> r.category().equals(category) && poiId.equals(r.poiId())).toList();
    }

    public long count(String category, String poiId) {
        return received(category, poiId).size();
    }

    /** Ends a NEVER_ANSWER payment on this terminal as approved: TransactionStatus will say so from now on. */
    public void complete(String poiId) {
        transactions.values().stream()
                .filter(t -> t.category.equals("Payment") && t.poiId.equals(poiId) && t.response == null)
                .forEach(t -> t.response = approval(t));
    }

    @Override
    public void close() {
        releaseHeld();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body;
            try {
                body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            } catch (IOException e) {
                send(exchange, 400, null);
                return;
            }
            JsonNode request = body.path("SaleToPOIRequest");
            ObjectNode header = request.path("MessageHeader").isObject() ? (ObjectNode) request.path("MessageHeader") : JSON.createObjectNode();
            String category = header.path("MessageCategory").asText("");
            String apiKey = exchange.getRequestHeaders().getFirst("x-API-key");
            java.util.Set<String> headerNames = new java.util.TreeSet<>();
            exchange.getRequestHeaders().keySet().forEach(h -> headerNames.add(h.toLowerCase(java.util.Locale.ROOT)));
            received.add(new Received(category, header.path("ServiceID").asText(null), header.path("SaleID").asText(null),
                    header.path("POIID").asText(null), body, apiKey, Instant.now(), java.util.Set.copyOf(headerNames)));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                send(exchange, 415, null);
                return;
            }
            if (expectedApiKey != null && !expectedApiKey.equals(apiKey)) {
                send(exchange, 401, null);
                return;
            }
            switch (category) {
                case "Payment" -> payment(exchange, header, request.path("PaymentRequest"));
                case "TransactionStatus" -> status(exchange, header, request.path("TransactionStatusRequest"));
                case "Abort" -> abort(exchange, request.path("AbortRequest"));
                case "Reversal" -> reversal(exchange, header, request.path("ReversalRequest"));
                case "Diagnosis" -> send(exchange, 200, envelope(header, "DiagnosisResponse",
                        JSON.createObjectNode().set("Response", result("Success", null))));
                default -> send(exchange, 400, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void payment(HttpExchange exchange, ObjectNode header, JsonNode request) throws IOException, InterruptedException {
        String poiId = header.path("POIID").asText();
        Behaviour behaviour = behaviours.getOrDefault(poiId, defaultBehaviour);
        JsonNode amounts = request.path("PaymentTransaction").path("AmountsReq");
        Txn txn = new Txn("Payment", header.deepCopy(), poiId, amounts.path("RequestedAmount").decimalValue(),
                amounts.path("Currency").asText());
        if (behaviour == Behaviour.HTTP_500) {
            send(exchange, 500, null);
            return;
        }
        transactions.put(key(header.path("SaleID").asText(), header.path("ServiceID").asText()), txn);
        switch (behaviour) {
            case APPROVE -> txn.response = approval(txn);
            case DECLINE -> txn.response = failure("Refusal");
            case WRONG_PIN -> txn.response = failure("WrongPIN");
            case CUSTOMER_CANCEL -> txn.response = failure("Cancel");
            case BUSY -> txn.response = failure("Busy");
            case STRANGE_CONDITION -> txn.response = failure("CosmicRay");
            case PARTIAL -> {
                txn.response = approval(txn);
                ((ObjectNode) txn.response.path("Response")).put("Result", "Partial");
            }
            case APPROVE_SLOWLY -> {
                Thread.sleep(slowMillis);
                txn.response = approval(txn);
            }
            case APPROVE_THEN_DROP -> {
                txn.response = approval(txn);
                return; // closes the exchange without a response: the connection drops
            }
            case NEVER_ANSWER -> {
                release.await(10, TimeUnit.MINUTES);
                return;
            }
            case WAIT_FOR_ABORT -> {
                if (txn.aborted.await(60, TimeUnit.SECONDS)) {
                    txn.response = failure("Aborted");
                } else {
                    return;
                }
            }
            case LEAK_CARD_DATA -> txn.response = leaky(txn);
            case HTTP_500 -> throw new IllegalStateException("handled above");
        }
        send(exchange, 200, envelope(header, "PaymentResponse", txn.response));
    }

    private void status(HttpExchange exchange, ObjectNode header, JsonNode request) throws IOException {
        if (statusMode == StatusMode.HTTP_500) {
            send(exchange, 500, null);
            return;
        }
        JsonNode ref = request.path("MessageReference");
        Txn txn = transactions.get(key(ref.path("SaleID").asText(), ref.path("ServiceID").asText()));
        ObjectNode status = JSON.createObjectNode();
        if (txn == null) {
            status.set("Response", result("Failure", "NotFound"));
        } else if (txn.response == null || statusMode == StatusMode.ALWAYS_IN_PROGRESS) {
            status.set("Response", result("Failure", "InProgress"));
        } else {
            status.set("Response", result("Success", null));
            ObjectNode repeated = JSON.createObjectNode();
            ObjectNode originalHeader = txn.header.deepCopy().put("MessageType", "Response");
            repeated.set("MessageHeader", originalHeader);
            repeated.set("RepeatedResponseMessageBody", JSON.createObjectNode()
                    .set(txn.category + "Response", txn.response));
            status.set("RepeatedMessageResponse", repeated);
        }
        send(exchange, 200, envelope(header, "TransactionStatusResponse", status));
    }

    private void abort(HttpExchange exchange, JsonNode request) throws IOException {
        JsonNode ref = request.path("MessageReference");
        Txn txn = transactions.get(key(ref.path("SaleID").asText(), ref.path("ServiceID").asText()));
        if (txn != null) {
            txn.aborted.countDown();
        }
        send(exchange, 200, null); // AbortRequest has no response message of its own
    }

    private void reversal(HttpExchange exchange, ObjectNode header, JsonNode request) throws IOException {
        if (reversalMode == ReversalMode.HTTP_500) {
            // processed, then the answer is lost in a 500: only TransactionStatus can tell
            Txn txn = reversalTxn(header, request);
            if (txn != null) {
                transactions.put(key(header.path("SaleID").asText(), header.path("ServiceID").asText()), txn);
            }
            send(exchange, 500, null);
            return;
        }
        Txn txn = reversalTxn(header, request);
        ObjectNode response;
        if (txn == null || reversalMode == ReversalMode.DECLINE) {
            response = JSON.createObjectNode();
            response.set("Response", result("Failure", "NotAllowed"));
        } else {
            transactions.put(key(header.path("SaleID").asText(), header.path("ServiceID").asText()), txn);
            response = txn.response;
        }
        send(exchange, 200, envelope(header, "ReversalResponse", response));
    }

    /** Applies a reversal to the original payment if allowed; null when not allowed. */
    private Txn reversalTxn(ObjectNode header, JsonNode request) {
        String originalId = request.path("OriginalPOITransaction").path("POITransactionID").path("TransactionID").asText();
        BigDecimal amount = request.path("ReversedAmount").decimalValue();
        synchronized (this) {
            Txn original = transactions.values().stream()
                    .filter(t -> t.category.equals("Payment") && originalId.equals(t.poiTransactionId)).findFirst().orElse(null);
            if (original == null || amount.signum() <= 0 || original.reversed.add(amount).compareTo(original.amount) > 0) {
                return null;
            }
            original.reversed = original.reversed.add(amount);
            Txn reversal = new Txn("Reversal", header.deepCopy(), original.poiId, amount, original.currency);
            ObjectNode response = JSON.createObjectNode();
            response.set("Response", result("Success", null));
            response.set("POIData", poiData(reversal));
            response.put("ReversedAmount", amount);
            reversal.response = response;
            return reversal;
        }
    }

    private ObjectNode approval(Txn txn) {
        ObjectNode response = JSON.createObjectNode();
        response.set("Response", result("Success", null));
        response.set("POIData", poiData(txn));
        ObjectNode paymentResult = JSON.createObjectNode();
        ObjectNode instrument = JSON.createObjectNode().put("PaymentInstrumentType", "Card");
        ObjectNode card = JSON.createObjectNode().put("PaymentBrand", "visa").put("MaskedPan", "411111******1111");
        card.set("SensitiveCardData", sensitiveCardData());
        instrument.set("CardData", card);
        paymentResult.set("PaymentInstrumentData", instrument);
        paymentResult.set("AmountsResp", JSON.createObjectNode().put("Currency", txn.currency).put("AuthorizedAmount", txn.amount));
        paymentResult.set("PaymentAcquirerData", JSON.createObjectNode().put("ApprovalCode", "A1B2C3")
                .put("MerchantID", "HOSPITAL").put("AcquirerPOIID", txn.poiId));
        response.set("PaymentResult", paymentResult);
        ((ObjectNode) response.path("Response")).put("AdditionalResponse", CarelessCard.ADDITIONAL_RESPONSE);
        return response;
    }

    /** What a careless backend adds to every approval: everything the card carries, in clear ({@link CarelessCard}). */
    private static ObjectNode sensitiveCardData() {
        ObjectNode sensitive = JSON.createObjectNode().put("PAN", CarelessCard.PAN).put("ExpiryDate", CarelessCard.EXPIRY_YYMM)
                .put("CardSeqNumb", "001").put("CVV", CarelessCard.CVV).put("CardSecurityCode", CarelessCard.CVV);
        sensitive.putArray("TrackData").add(JSON.createObjectNode().put("TrackNumb", 2).put("TrackValue", CarelessCard.TRACK2))
                .add(JSON.createObjectNode().put("TrackNumb", 1).put("TrackValue", CarelessCard.TRACK1));
        return sensitive;
    }

    /** A misbehaving backend: the card data of {@link CarelessCard} in clear in every field it can find, not only its own. */
    private ObjectNode leaky(Txn txn) {
        ObjectNode response = approval(txn);
        ObjectNode card = (ObjectNode) response.path("PaymentResult").path("PaymentInstrumentData").path("CardData");
        card.put("MaskedPan", CarelessCard.PAN);
        card.put("PaymentBrand", "cb " + CarelessCard.PAN);
        ObjectNode acquirer = (ObjectNode) response.path("PaymentResult").path("PaymentAcquirerData");
        acquirer.put("ApprovalCode", CarelessCard.PAN);
        acquirer.put("MerchantID", CarelessCard.TRACK2);
        ((ObjectNode) response.path("Response")).put("ErrorCondition", CarelessCard.EXPIRY_MM_YY + " " + CarelessCard.CVV);
        return response;
    }

    private ObjectNode poiData(Txn txn) {
        txn.poiTransactionId = "POI-" + poiSequence.incrementAndGet();
        return JSON.createObjectNode().set("POITransactionID", JSON.createObjectNode()
                .put("TransactionID", txn.poiTransactionId).put("TimeStamp", Instant.now().toString()));
    }

    private static ObjectNode failure(String condition) {
        ObjectNode response = JSON.createObjectNode();
        response.set("Response", result("Failure", condition));
        return response;
    }

    private static ObjectNode result(String result, String condition) {
        ObjectNode r = JSON.createObjectNode().put("Result", result);
        if (condition != null) {
            r.put("ErrorCondition", condition);
        }
        return r;
    }

    private static ObjectNode envelope(ObjectNode requestHeader, String name, ObjectNode body) {
        ObjectNode header = requestHeader.deepCopy().put("MessageType", "Response");
        ObjectNode inner = JSON.createObjectNode();
        inner.set("MessageHeader", header);
        inner.set(name, body);
        return (ObjectNode) JSON.createObjectNode().set("SaleToPOIResponse", inner);
    }

    private static String key(String saleId, String serviceId) {
        return saleId + "/" + serviceId;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
