package org.passerelle.sandbox;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A card payment terminal backend for the local default: its own HTTP server speaking nexo Sale-to-POI
 * JSON (as Adyen's Terminal API), so the cashier flow runs on a laptop. Behaviour per payment follows
 * {@link SandboxTerminalRule} (the amount's last two digits). It remembers what it processed, so
 * TransactionStatus, AbortRequest and ReversalRequest behave like a real backend. Demo data only: the
 * "cards" are fixed test numbers, already masked.
 */
class SandboxTerminal implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SandboxTerminal.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SLOW = Duration.ofSeconds(8);
    private static final Duration WALK_AWAY = Duration.ofSeconds(60);

    private final int port;
    private final String apiKey;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Txn> transactions = new ConcurrentHashMap<>();
    private final AtomicLong poiSequence = new AtomicLong(System.currentTimeMillis() % 1_000_000);
    private ExecutorService threads;
    private HttpServer server;

    /** What the sandbox received, for GET /sandbox/terminal. No card data exists here. */
    record Seen(Instant at, String category, String poiId, String serviceId, BigDecimal amount, String rule) {
    }

    private static final class Txn {
        final String category;
        final ObjectNode header;
        final BigDecimal amount;
        final String currency;
        final CountDownLatch aborted = new CountDownLatch(1);
        volatile ObjectNode response;
        volatile String poiTransactionId;
        volatile BigDecimal reversed = BigDecimal.ZERO;

        Txn(String category, ObjectNode header, BigDecimal amount, String currency) {
            this.category = category;
            this.header = header;
            this.amount = amount;
            this.currency = currency;
        }
    }

    SandboxTerminal(int port, String apiKey) {
        this.port = port;
        this.apiKey = apiKey == null ? "" : apiKey;
    }

    List<Seen> newestFirst() {
        List<Seen> copy = new ArrayList<>(seen);
        Collections.reverse(copy);
        return copy;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("SaleToPOIRequest");
            } catch (IOException e) {
                send(exchange, 400, null);
                return;
            }
            if (!apiKey.isEmpty() && !apiKey.equals(exchange.getRequestHeaders().getFirst("x-API-key"))) {
                send(exchange, 401, null);
                return;
            }
            ObjectNode header = request.path("MessageHeader").isObject() ? (ObjectNode) request.path("MessageHeader")
                    : JSON.createObjectNode();
            switch (header.path("MessageCategory").asText("")) {
                case "Payment" -> payment(exchange, header, request.path("PaymentRequest"));
                case "TransactionStatus" -> status(exchange, header, request.path("TransactionStatusRequest"));
                case "Abort" -> abort(exchange, header, request.path("AbortRequest"));
                case "Reversal" -> reversal(exchange, header, request.path("ReversalRequest"));
                case "Diagnosis" -> {
                    note(header, null, null);
                    send(exchange, 200, envelope(header, "DiagnosisResponse", response("Success", null)));
                }
                default -> send(exchange, 400, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void payment(HttpExchange exchange, ObjectNode header, JsonNode request) throws IOException, InterruptedException {
        JsonNode amounts = request.path("PaymentTransaction").path("AmountsReq");
        BigDecimal amount = amounts.path("RequestedAmount").decimalValue();
        String currency = amounts.path("Currency").asText("EUR");
        long minor = amount.movePointRight(java.util.Currency.getInstance(currency).getDefaultFractionDigits()).longValue();
        SandboxTerminalRule rule = SandboxTerminalRule.forAmount(minor);
        note(header, amount, rule);
        if (rule == SandboxTerminalRule.SERVER_ERROR) {
            send(exchange, 500, null);
            return;
        }
        Txn txn = new Txn("Payment", header.deepCopy(), amount, currency);
        transactions.put(key(header.path("SaleID").asText(), header.path("ServiceID").asText()), txn);
        switch (rule) {
            case DECLINE -> txn.response = response("Failure", "Refusal");
            case BUSY -> txn.response = response("Failure", "Busy");
            case WRONG_PIN -> txn.response = response("Failure", "WrongPIN");
            case CUSTOMER_CANCEL -> txn.response = response("Failure", "Cancel");
            case STRANGE_ANSWER -> txn.response = response("Failure", "SolarFlare");
            case SLOW_APPROVAL -> {
                txn.response = txn.aborted.await(SLOW.toMillis(), TimeUnit.MILLISECONDS) ? response("Failure", "Aborted") : approval(txn);
            }
            case WAIT_FOR_CASHIER_CANCEL -> {
                txn.response = txn.aborted.await(WALK_AWAY.toMillis(), TimeUnit.MILLISECONDS) ? response("Failure", "Aborted") : approval(txn);
            }
            case APPROVE_THEN_LOSE_RESPONSE -> {
                txn.response = approval(txn);
                return; // the connection closes without an answer
            }
            case NEVER_ANSWER -> {
                // the customer never finishes; the terminal gives up after a while, but never answers this request
                txn.response = txn.aborted.await(WALK_AWAY.toMillis(), TimeUnit.MILLISECONDS)
                        ? response("Failure", "Aborted") : response("Failure", "Cancel");
                return;
            }
            default -> txn.response = approval(txn);
        }
        send(exchange, 200, envelope(header, "PaymentResponse", txn.response));
    }

    private void status(HttpExchange exchange, ObjectNode header, JsonNode request) throws IOException {
        note(header, null, null);
        JsonNode ref = request.path("MessageReference");
        Txn txn = transactions.get(key(ref.path("SaleID").asText(), ref.path("ServiceID").asText()));
        ObjectNode status;
        if (txn == null) {
            status = response("Failure", "NotFound");
        } else if (txn.response == null) {
            status = response("Failure", "InProgress");
        } else {
            status = response("Success", null);
            ObjectNode repeated = JSON.createObjectNode();
            repeated.set("MessageHeader", txn.header.deepCopy().put("MessageType", "Response"));
            repeated.set("RepeatedResponseMessageBody", JSON.createObjectNode().set(txn.category + "Response", txn.response));
            status.set("RepeatedMessageResponse", repeated);
        }
        send(exchange, 200, envelope(header, "TransactionStatusResponse", status));
    }

    private void abort(HttpExchange exchange, ObjectNode header, JsonNode request) throws IOException {
        note(header, null, null);
        JsonNode ref = request.path("MessageReference");
        Txn txn = transactions.get(key(ref.path("SaleID").asText(), ref.path("ServiceID").asText()));
        if (txn != null) {
            txn.aborted.countDown();
        }
        send(exchange, 200, null);
    }

    private void reversal(HttpExchange exchange, ObjectNode header, JsonNode request) throws IOException {
        BigDecimal amount = request.path("ReversedAmount").decimalValue();
        note(header, amount, null);
        String originalId = request.path("OriginalPOITransaction").path("POITransactionID").path("TransactionID").asText();
        ObjectNode answer;
        synchronized (this) {
            Txn original = transactions.values().stream()
                    .filter(t -> t.category.equals("Payment") && originalId.equals(t.poiTransactionId)).findFirst().orElse(null);
            if (original == null || amount.signum() <= 0 || original.reversed.add(amount).compareTo(original.amount) > 0) {
                answer = response("Failure", "NotAllowed");
            } else {
                original.reversed = original.reversed.add(amount);
                Txn reversal = new Txn("Reversal", header.deepCopy(), amount, original.currency);
                answer = response("Success", null);
                answer.set("POIData", poiData(reversal));
                answer.put("ReversedAmount", amount);
                reversal.response = answer;
                transactions.put(key(header.path("SaleID").asText(), header.path("ServiceID").asText()), reversal);
            }
        }
        send(exchange, 200, envelope(header, "ReversalResponse", answer));
    }

    private ObjectNode approval(Txn txn) {
        ObjectNode r = response("Success", null);
        r.set("POIData", poiData(txn));
        ObjectNode result = JSON.createObjectNode();
        ObjectNode instrument = JSON.createObjectNode().put("PaymentInstrumentType", "Card");
        instrument.set("CardData", JSON.createObjectNode().put("PaymentBrand", "cartebancaire").put("MaskedPan", "497010******0014"));
        result.set("PaymentInstrumentData", instrument);
        result.set("AmountsResp", JSON.createObjectNode().put("Currency", txn.currency).put("AuthorizedAmount", txn.amount));
        result.set("PaymentAcquirerData", JSON.createObjectNode().put("ApprovalCode", String.format("%06d", poiSequence.get() % 1_000_000))
                .put("MerchantID", "SANDBOX").put("AcquirerPOIID", txn.header.path("POIID").asText()));
        r.set("PaymentResult", result);
        return r;
    }

    private ObjectNode poiData(Txn txn) {
        txn.poiTransactionId = "SBX" + poiSequence.incrementAndGet();
        return JSON.createObjectNode().set("POITransactionID", JSON.createObjectNode()
                .put("TransactionID", txn.poiTransactionId).put("TimeStamp", Instant.now().toString()));
    }

    private static ObjectNode response(String result, String condition) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode r = response.putObject("Response").put("Result", result);
        if (condition != null) {
            r.put("ErrorCondition", condition);
        }
        return response;
    }

    private void note(ObjectNode header, BigDecimal amount, SandboxTerminalRule rule) {
        seen.add(new Seen(Instant.now(), header.path("MessageCategory").asText(), header.path("POIID").asText(),
                header.path("ServiceID").asText(), amount, rule == null ? null : rule.name()));
        while (seen.size() > 500) {
            seen.remove(0);
        }
    }

    private static ObjectNode envelope(ObjectNode requestHeader, String name, ObjectNode body) {
        ObjectNode inner = JSON.createObjectNode();
        inner.set("MessageHeader", requestHeader.deepCopy().put("MessageType", "Response"));
        inner.set(name, body);
        return (ObjectNode) JSON.createObjectNode().set("SaleToPOIResponse", inner);
    }

    private static String key(String saleId, String serviceId) {
        return saleId + "/" + serviceId;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void start() {
        // without it the JDK server's separate header and body writes meet delayed ACKs: 40 ms stalls
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new IllegalStateException("Sandbox terminal backend cannot listen on port " + port, e);
        }
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sandbox-terminal");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        log.warn("Sandbox terminal backend (nexo JSON) listening on http://127.0.0.1:{}/sync (local default only); "
                + "the amount's last two digits choose what happens", port);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Before the payment worker and recovery, so they find it listening. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 2000;
    }
}
