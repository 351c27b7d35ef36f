package org.passerelle.payment;

import static org.passerelle.payment.Journal.ts;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One payment at a time per terminal, held in the database so every replica sees it: the lock row's
 * primary key refuses a second insert. Held from acceptance until the terminal has given a final answer
 * (or the outcome is settled by recovery).
 */
@Repository
class TerminalLocks {

    private final JdbcClient jdbc;

    public TerminalLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Throws DuplicateKeyException when the terminal is taken. */
    void lock(String terminalId, String paymentId, Instant now) {
        jdbc.sql("insert into terminal_lock (terminal_id, payment_id, locked_at) values (:terminal, :payment, :now)")
                .param("terminal", terminalId).param("payment", paymentId).param("now", ts(now)).update();
    }

    Optional<String> holder(String terminalId) {
        return jdbc.sql("select payment_id from terminal_lock where terminal_id = :terminal")
                .param("terminal", terminalId).query(String.class).optional();
    }

    /** Frees the terminal if this payment still holds it. */
    void release(String terminalId, String paymentId) {
        jdbc.sql("delete from terminal_lock where terminal_id = :terminal and payment_id = :payment")
                .param("terminal", terminalId).param("payment", paymentId).update();
    }
}
