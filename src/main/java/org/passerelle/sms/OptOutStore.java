package org.passerelle.sms;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Numbers that replied STOP, kept as keyed hashes only ({@code <key id>:<HMAC-SHA256>}, never the number and never an
 * unkeyed hash). They outlive the purge by design: a patient who said STOP must never get a reminder again. After a
 * hash key rotation an opt-out made under an older key is still found (every configured key is tried) and is recorded
 * again under the current key the next time the number is seen.
 */
@Repository
class OptOutStore {

    private final JdbcClient jdbc;

    public OptOutStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isOptedOut(String phoneHash) {
        return isOptedOut(List.of(phoneHash));
    }

    /** @param phoneHashes the number's keyed hash under every configured key */
    boolean isOptedOut(List<String> phoneHashes) {
        return jdbc.sql("select count(*) from sms_opt_out where phone_hash in (:h)").param("h", phoneHashes)
                .query(Long.class).single() > 0;
    }

    /** Those of these keyed hashes that opted out, in one query. */
    Set<String> optedOutAmong(Collection<String> phoneHashes) {
        return new HashSet<>(jdbc.sql("select phone_hash from sms_opt_out where phone_hash in (:h)")
                .param("h", phoneHashes).query(String.class).list());
    }

    /**
     * An opt-out found under an older hash key is recorded under the current one too, with its original date, so the
     * older key can go once every opt-out it made has been seen again (docs/runbook.md, key rotation).
     */
    void keepUnderCurrentKey(String currentHash, List<String> allHashes) {
        if (isOptedOut(currentHash)) {
            return;
        }
        try {
            jdbc.sql("""
                    insert into sms_opt_out (phone_hash, opted_out_at)
                    select :current, min(opted_out_at) from sms_opt_out where phone_hash in (:all)""")
                    .param("current", currentHash).param("all", allHashes).update();
        } catch (DuplicateKeyException concurrentlyRecorded) {
            // the same number, seen twice at once: recorded once
        }
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
