package org.passerelle.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** JDBC access to appointments and reminders. Callers own the transaction. */
@Repository
class AppointmentStore {

    /** An appointment to insert and when its personal data is purged. */
    record NewRow(StoredAppointment appointment, Instant purgeAfter) {
    }

    private static final String INSERT = """
            insert into appointment (id, source, status, start_at, time_zone, site_code, sms_consent, phone_enc,
                phone_hash, phone_status, phone_reason, version, created_at, updated_at, purge_after)
            values (:id, :source, :status, :start, :zone, :site, :consent, :phoneEnc, :phoneHash, :phoneStatus,
                :phoneReason, 0, :now, :now, :purge)""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    public AppointmentStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    Optional<StoredAppointment> findForUpdate(String id) {
        return jdbc.sql("select * from appointment where id = :id for update").param("id", id)
                .query(AppointmentStore::mapAppointment).optional();
    }

    Optional<StoredAppointment> find(String id) {
        return jdbc.sql("select * from appointment where id = :id").param("id", id)
                .query(AppointmentStore::mapAppointment).optional();
    }

    /**
     * These appointments, locked until the transaction ends, in id order (two transactions locking overlapping
     * sets in the same order cannot deadlock on them). Ids not stored are simply absent.
     */
    Map<String, StoredAppointment> findAllForUpdate(Collection<String> ids) {
        Map<String, StoredAppointment> found = new HashMap<>();
        jdbc.sql("select * from appointment where id in (:ids) order by id for update").param("ids", ids)
                .query(AppointmentStore::mapAppointment).list().forEach(a -> found.put(a.id(), a));
        return found;
    }

    /** The appointments among these ids, in no particular order (one query). */
    List<StoredAppointment> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from appointment where id in (:ids)").param("ids", ids)
                .query(AppointmentStore::mapAppointment).list();
    }

    void insert(StoredAppointment a, Instant purgeAfter) {
        bind(jdbc.sql(INSERT), a, purgeAfter).update();
    }

    /** In one JDBC batch (one round trip). */
    void insertAll(List<NewRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        batch.batchUpdate(INSERT, rows.stream().map(r -> {
            StoredAppointment a = r.appointment();
            return new MapSqlParameterSource().addValue("id", a.id()).addValue("source", a.source().name())
                    .addValue("status", a.status().name()).addValue("start", ts(a.start()))
                    .addValue("zone", a.zone().getId()).addValue("site", a.siteCode())
                    .addValue("consent", a.smsConsent()).addValue("phoneEnc", a.phoneEncrypted())
                    .addValue("phoneHash", a.phoneHash()).addValue("phoneStatus", a.phoneStatus().name())
                    .addValue("phoneReason", a.phoneReason()).addValue("now", ts(a.updatedAt()))
                    .addValue("purge", ts(r.purgeAfter()));
        }).toArray(SqlParameterSource[]::new));
    }

    void update(StoredAppointment a, Instant purgeAfter) {
        bind(jdbc.sql("""
                update appointment set source = :source, status = :status, start_at = :start, time_zone = :zone,
                    site_code = :site, sms_consent = :consent, phone_enc = :phoneEnc, phone_hash = :phoneHash,
                    phone_status = :phoneStatus, phone_reason = :phoneReason,
                    version = version + 1, updated_at = :now, purge_after = :purge, purged_at = null
                where id = :id"""), a, purgeAfter).update();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, StoredAppointment a, Instant purgeAfter) {
        return spec.param("id", a.id())
                .param("source", a.source().name())
                .param("status", a.status().name())
                .param("start", ts(a.start()))
                .param("zone", a.zone().getId())
                .param("site", a.siteCode())
                .param("consent", a.smsConsent())
                .param("phoneEnc", a.phoneEncrypted())
                .param("phoneHash", a.phoneHash())
                .param("phoneStatus", a.phoneStatus().name())
                .param("phoneReason", a.phoneReason())
                .param("now", ts(a.updatedAt()))
                .param("purge", ts(purgeAfter));
    }

    void setStatus(String id, AppointmentStatus status, Instant now) {
        jdbc.sql("update appointment set status = :status, version = version + 1, updated_at = :now where id = :id")
                .param("status", status.name()).param("now", ts(now)).param("id", id).update();
    }

    /**
     * Drops personal data of appointments that ended long enough ago: every value derived from the phone number
     * (its ciphertext and its keyed hash; the reason is one of PhonePolicy's fixed sentences, erased too). Opt-outs
     * stay, as keyed hashes in sms_opt_out, by design: a STOP outlives the appointment. Returns how many were purged.
     */
    int purgePersonalData(Instant now) {
        return jdbc.sql("""
                update appointment set phone_enc = null, phone_hash = null, phone_status = 'PURGED', phone_reason = null,
                    purged_at = :now
                where purge_after <= :now and purged_at is null""")
                .param("now", ts(now)).update();
    }

    /** @param phoneHashes the number's keyed hash under every key still configured */
    List<String> bookedWithPhoneHash(List<String> phoneHashes) {
        return jdbc.sql("select id from appointment where phone_hash in (:hashes) and status = 'BOOKED'")
                .param("hashes", phoneHashes).query(String.class).list();
    }

    void markOptedOut(List<String> phoneHashes, Instant now) {
        jdbc.sql("""
                update appointment set phone_status = 'OPTED_OUT', phone_reason = 'patient replied STOP', updated_at = :now
                where phone_hash in (:hashes) and phone_status = 'OK'""")
                .param("hashes", phoneHashes).param("now", ts(now)).update();
    }

    private static StoredAppointment mapAppointment(ResultSet rs, int n) throws SQLException {
        return new StoredAppointment(
                rs.getString("id"),
                AppointmentCommand.IntakeSource.valueOf(rs.getString("source")),
                AppointmentStatus.valueOf(rs.getString("status")),
                instant(rs, "start_at"),
                ZoneId.of(rs.getString("time_zone")),
                rs.getString("site_code"),
                rs.getBoolean("sms_consent"),
                rs.getString("phone_enc"),
                rs.getString("phone_hash"),
                PhonePolicy.PhoneStatus.valueOf(rs.getString("phone_status")),
                rs.getString("phone_reason"),
                rs.getLong("version"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
