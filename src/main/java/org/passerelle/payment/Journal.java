package org.passerelle.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Column conversions shared by the payment repositories. */
final class Journal {

    private Journal() {
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Event details are our own words; cut to the column's size. */
    static String detail(String text) {
        return text == null ? "" : text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }
}
