package org.passerelle.payment;

import static org.passerelle.payment.Journal.instant;
import static org.passerelle.payment.Journal.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.passerelle.payment.nexo.TerminalAnswer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refunds of approved payments. Callers own the transaction and lock the payment row first. */
@Repository
class RefundJournal {

    private final JdbcClient jdbc;

    public RefundJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Refund> find(String id) {
        return jdbc.sql("select * from refund where id = :id").param("id", id).query(RefundJournal::map).optional();
    }

    Optional<Refund> findByKey(String createdBy, String key) {
        return jdbc.sql("select * from refund where created_by = :by and idempotency_key = :key")
                .param("by", createdBy).param("key", key).query(RefundJournal::map).optional();
    }

    public List<Refund> ofPayment(String paymentId) {
        return jdbc.sql("select * from refund where payment_id = :id order by created_at, id").param("id", paymentId)
                .query(RefundJournal::map).list();
    }

    void insert(Refund r) {
        jdbc.sql("""
                insert into refund (id, payment_id, amount_minor, state, created_by, idempotency_key, request_hash,
                    sale_id, service_id, needs_human, created_at, updated_at)
                values (:id, :payment, :amount, :state, :by, :key, :hash, :sale, :service, false, :now, :now)""")
                .param("id", r.id()).param("payment", r.paymentId()).param("amount", r.amountMinor())
                .param("state", r.state().name()).param("by", r.createdBy()).param("key", r.idempotencyKey())
                .param("hash", r.requestHash()).param("sale", r.saleId()).param("service", r.serviceId())
                .param("now", ts(r.createdAt()))
                .update();
    }

    /** Conditional like the payment journal: a settled refund never changes again. */
    boolean record(String id, RefundState from, RefundState to, TerminalAnswer answer, Instant now) {
        return jdbc.sql("""
                update refund set state = :to, updated_at = :now, error_condition = :condition,
                    poi_transaction_id = coalesce(:poiId, poi_transaction_id)
                where id = :id and state = :from""")
                .param("to", to.name()).param("now", ts(now))
                .param("condition", answer == null ? null : answer.errorCondition())
                .param("poiId", answer == null ? null : answer.poiTransactionId())
                .param("id", id).param("from", from.name()).update() == 1;
    }

    void flagForHuman(String id, Instant now) {
        jdbc.sql("update refund set needs_human = true, updated_at = :now where id = :id")
                .param("now", ts(now)).param("id", id).update();
    }

    static Refund map(ResultSet rs, int n) throws SQLException {
        return new Refund(rs.getString("id"), rs.getString("payment_id"), rs.getLong("amount_minor"),
                RefundState.valueOf(rs.getString("state")), rs.getString("created_by"), rs.getString("idempotency_key"),
                rs.getString("request_hash"), rs.getString("sale_id"), rs.getString("service_id"),
                rs.getString("poi_transaction_id"), rs.getString("error_condition"), rs.getBoolean("needs_human"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
