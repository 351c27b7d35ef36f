package org.passerelle.faults;

import static org.passerelle.testsupport.Role.CASHIER;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.PostgresTestDatabase;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;
import org.passerelle.testsupport.terminal.Received;

/** Taking payments over the real API and reading the journal and the backend's log, for the fault scenarios. */
final class Payments {

    static final Set<String> FINAL = Set.of("APPROVED", "DECLINED", "FAILED", "CANCELLED");

    private Payments() {
    }

    /** POST /api/payments on {@code terminal}; returns the payment id (202 required). */
    static String take(Api api, String terminal, long amountMinor, String key) {
        ApiResponse r = api.as(CASHIER).idempotencyKey(key).post("/api/payments",
                "{\"terminalId\":\"" + terminal + "\",\"amountMinor\":" + amountMinor + ",\"reference\":\"FAULT-" + key + "\"}");
        if (r.status() != 202) {
            throw new IllegalStateException(r.describe());
        }
        return r.json().path("id").asText();
    }

    /** One payment as journaled. */
    record Row(String id, String state, boolean needsHuman) {
        boolean settled() {
            return FINAL.contains(state) || needsHuman;
        }
    }

    static Map<String, Row> rows(PostgresTestDatabase db) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select id, state, needs_human from payment")) {
            while (rs.next()) {
                rows.put(rs.getString(1), new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
            }
        }
        return rows;
    }

    static Map<String, Integer> byState(PostgresTestDatabase db) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        for (Row r : rows(db).values()) {
            counts.merge(r.state() + (r.needsHuman() ? "+human" : ""), 1, Integer::sum);
        }
        return counts;
    }

    static boolean allSettled(PostgresTestDatabase db, int expected) throws SQLException {
        Map<String, Row> rows = rows(db);
        return rows.size() == expected && rows.values().stream().allMatch(Row::settled);
    }

    /** PaymentRequests the backend received, per SaleTransactionID (Passerelle's payment id). */
    static Map<String, Integer> paymentRequestsPerPayment(FakeTerminalBackend backend) {
        Map<String, Integer> counts = new HashMap<>();
        for (Received r : backend.received()) {
            if (r.category().equals("Payment")) {
                String id = r.request().path("PaymentRequest").path("SaleData").path("SaleTransactionID")
                        .path("TransactionID").asText();
                counts.merge(id, 1, Integer::sum);
            }
        }
        return counts;
    }

    static long count(FakeTerminalBackend backend, String category) {
        List<Received> all = backend.received();
        return all.stream().filter(r -> r.category().equals(category)).count();
    }
}
