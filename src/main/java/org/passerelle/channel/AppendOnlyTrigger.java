package org.passerelle.channel;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2 trigger that refuses updates and deletes, so the audit stays append-only on the embedded database. */
public class AppendOnlyTrigger implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("channel_audit is append-only");
    }
}
