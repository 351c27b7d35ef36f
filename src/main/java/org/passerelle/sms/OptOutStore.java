package org.passerelle.sms;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Numbers that replied STOP, kept as keyed hashes only. */
@Repository
class OptOutStore {

    private final JdbcClient jdbc;

    public OptOutStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isOptedOut(String phoneHash) {
        return jdbc.sql("select count(*) from sms_opt_out where phone_hash = :h").param("h", phoneHash)
                .query(Long.class).single() > 0;
    }

    /** Idempotent: a second STOP from the same number changes nothing. */
    void optOut(String phoneHash, Instant at) {
        if (!isOptedOut(phoneHash)) {
            try {
                jdbc.sql("insert into sms_opt_out (phone_hash, opted_out_at) values (:h, :at)")
                        .param("h", phoneHash).param("at", at.atOffset(ZoneOffset.UTC)).update();
            } catch (DuplicateKeyException sameStopTwiceAtOnce) {
                // the other STOP recorded it: the outcome is the same
            }
        }
    }
}
