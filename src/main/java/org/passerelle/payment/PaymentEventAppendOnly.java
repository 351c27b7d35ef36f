package org.passerelle.payment;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2 trigger that keeps payment_event append-only on the embedded database (PostgreSQL has its own). */
public class PaymentEventAppendOnly implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("payment_event is append-only");
    }
}
