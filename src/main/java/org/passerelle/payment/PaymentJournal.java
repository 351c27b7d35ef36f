package org.passerelle.payment;

import static org.passerelle.payment.Journal.instant;
import static org.passerelle.payment.Journal.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.passerelle.payment.nexo.TerminalAnswer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The payment journal. Every state change is a conditional UPDATE ... WHERE state = :expected plus an
 * appended event, so two answers racing (a late one, a duplicate) cannot both win, and nothing moves
 * backwards. Callers own the transaction.
 */
@Repository
class PaymentJournal {

    /** The detail of a payment's first event. */
    static final String ACCEPTED = "accepted";

    private final JdbcClient jdbc;
    private final PaymentMetrics metrics;

    @Autowired
    PaymentJournal(JdbcClient jdbc, PaymentMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    /** A journal that counts nothing (unit tests). */
    public PaymentJournal(JdbcClient jdbc) {
        this(jdbc, null);
    }

    public Optional<Payment> find(String id) {
        return jdbc.sql("select * from payment where id = :id").param("id", id).query(PaymentJournal::map).optional();
    }

    /** The ids among {@code ids} whose payment is no longer pending (at most a few hundred ids at a time). */
    List<String> settledAmong(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> pending = java.util.Arrays.stream(PaymentState.values()).filter(PaymentState::isPending)
                .map(PaymentState::name).toList();
        return jdbc.sql("select id from payment where id in (:ids) and state not in (:pending)")
                .param("ids", ids).param("pending", pending).query(String.class).list();
    }

    Optional<Payment> findForUpdate(String id) {
        return jdbc.sql("select * from payment where id = :id for update").param("id", id).query(PaymentJournal::map).optional();
    }

    Optional<Payment> findByKey(String createdBy, String idempotencyKey) {
        return jdbc.sql("select * from payment where created_by = :by and idempotency_key = :key")
                .param("by", createdBy).param("key", idempotencyKey).query(PaymentJournal::map).optional();
    }

    void insert(Payment p) {
        jdbc.sql("""
                insert into payment (id, terminal_id, amount_minor, currency, reference, cashier_label, created_by,
                    idempotency_key, request_hash, state, sale_id, needs_human, created_at, updated_at)
                values (:id, :terminal, :amount, :currency, :reference, :label, :by, :key, :hash, :state, :sale, false,
                    :now, :now)""")
                .param("id", p.id()).param("terminal", p.terminalId()).param("amount", p.amountMinor())
                .param("currency", p.currency()).param("reference", p.reference()).param("label", p.cashierLabel())
                .param("by", p.createdBy()).param("key", p.idempotencyKey()).param("hash", p.requestHash())
                .param("state", p.state().name()).param("sale", p.saleId()).param("now", ts(p.createdAt()))
                .update();
        appendEvent(p.id(), null, p.state(), p.createdAt(), ACCEPTED);
    }

    /** RECEIVED → IN_PROGRESS, recording the ServiceID the PaymentRequest carries. */
    boolean markSent(String id, String serviceId, Instant now) {
        int rows = jdbc.sql("""
                update payment set state = 'IN_PROGRESS', service_id = :service, sent_at = :now, updated_at = :now
                where id = :id and state = 'RECEIVED'""")
                .param("service", serviceId).param("now", ts(now)).param("id", id).update();
        if (rows == 1) {
            appendEvent(id, PaymentState.RECEIVED, PaymentState.IN_PROGRESS, now, "PaymentRequest sent (ServiceID " + serviceId + ")");
        }
        return rows == 1;
    }

    /** A plain state change; false when the payment was not in {@code from} any more. */
    boolean transition(String id, PaymentState from, PaymentState to, Instant now, String detail) {
        PaymentStateMachine.require(from, to);
        int rows = jdbc.sql("update payment set state = :to, updated_at = :now where id = :id and state = :from")
                .param("to", to.name()).param("now", ts(now)).param("id", id).param("from", from.name()).update();
        if (rows == 1) {
            appendEvent(id, from, to, now, detail);
        }
        return rows == 1;
    }

    /** A state change carrying what the terminal said (card fields already masked at the edge). */
    boolean record(String id, PaymentState from, PaymentState to, TerminalAnswer answer, Instant now) {
        PaymentStateMachine.require(from, to);
        int rows = jdbc.sql("""
                update payment set state = :to, updated_at = :now, error_condition = :condition,
                    card_scheme = coalesce(:scheme, card_scheme), masked_pan = coalesce(:pan, masked_pan),
                    auth_code = coalesce(:auth, auth_code), poi_transaction_id = coalesce(:poiId, poi_transaction_id),
                    poi_transaction_time = coalesce(:poiTime, poi_transaction_time)
                where id = :id and state = :from""")
                .param("to", to.name()).param("now", ts(now)).param("condition", answer.errorCondition())
                .param("scheme", answer.cardScheme()).param("pan", answer.maskedPan()).param("auth", answer.authCode())
                .param("poiId", answer.poiTransactionId()).param("poiTime", answer.poiTransactionTime())
                .param("id", id).param("from", from.name()).update();
        if (rows == 1) {
            appendEvent(id, from, to, now, answer.reason());
        }
        return rows == 1;
    }

    void flagForHuman(String id, PaymentState state, String reason, Instant now) {
        int rows = jdbc.sql("""
                update payment set needs_human = true, human_reason = :reason, updated_at = :now
                where id = :id and needs_human = false""")
                .param("reason", Journal.detail(reason)).param("now", ts(now)).param("id", id).update();
        if (rows == 1) {
            appendEvent(id, state, state, now, "flagged for a human: " + reason);
        }
    }

    void clearHumanFlag(String id, PaymentState state, Instant now) {
        int rows = jdbc.sql("update payment set needs_human = false, human_reason = null, updated_at = :now "
                        + "where id = :id and needs_human = true")
                .param("now", ts(now)).param("id", id).update();
        if (rows == 1) {
            appendEvent(id, state, state, now, "resolved automatically; no longer needs a human");
        }
    }

    /** A fact that changes no state (refund asked, abort sent): kept in the history all the same. */
    void note(String id, PaymentState state, Instant now, String detail) {
        appendEvent(id, state, state, now, detail);
    }

    public List<PaymentEvent> events(String id) {
        return jdbc.sql("select * from payment_event where payment_id = :id order by seq").param("id", id)
                .query((rs, n) -> new PaymentEvent(rs.getLong("seq"),
                        rs.getString("from_state") == null ? null : PaymentState.valueOf(rs.getString("from_state")),
                        PaymentState.valueOf(rs.getString("to_state")), instant(rs, "at"), rs.getString("detail")))
                .list();
    }

    private void appendEvent(String id, PaymentState from, PaymentState to, Instant at, String detail) {
        jdbc.sql("insert into payment_event (payment_id, from_state, to_state, at, detail) values (:id, :from, :to, :at, :detail)")
                .param("id", id).param("from", from == null ? null : from.name()).param("to", to.name())
                .param("at", ts(at)).param("detail", Journal.detail(detail)).update();
        if (metrics != null) {
            metrics.moved(from, to);
        }
    }

    static Payment map(ResultSet rs, int n) throws SQLException {
        return new Payment(
                rs.getString("id"), rs.getString("terminal_id"), rs.getLong("amount_minor"), rs.getString("currency"),
                rs.getString("reference"), rs.getString("cashier_label"), rs.getString("created_by"),
                rs.getString("idempotency_key"), rs.getString("request_hash"), PaymentState.valueOf(rs.getString("state")),
                rs.getString("sale_id"), rs.getString("service_id"), instant(rs, "sent_at"),
                rs.getString("poi_transaction_id"), rs.getString("poi_transaction_time"), rs.getString("auth_code"),
                rs.getString("card_scheme"), rs.getString("masked_pan"), rs.getString("error_condition"),
                rs.getBoolean("needs_human"), rs.getString("human_reason"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
