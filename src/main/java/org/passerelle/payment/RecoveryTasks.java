package org.passerelle.payment;

import static org.passerelle.payment.Journal.instant;
import static org.passerelle.payment.Journal.ts;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Durable recovery tasks: they survive a restart and are shared by replicas. A replica claims a due task
 * by moving its next attempt forward with a conditional UPDATE, so two replicas never chase the same one
 * at the same moment.
 */
@Repository
class RecoveryTasks {

    private final JdbcClient jdbc;

    public RecoveryTasks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(String targetId, RecoveryTask.Kind kind, String paymentId, Instant due, Instant notFoundDeadline,
                Instant humanAfter, Instant now) {
        jdbc.sql("""
                insert into recovery_task (target_id, kind, payment_id, next_attempt_at, attempts, not_found_deadline,
                    human_after, created_at)
                values (:target, :kind, :payment, :due, 0, :notFound, :human, :now)""")
                .param("target", targetId).param("kind", kind.name()).param("payment", paymentId).param("due", ts(due))
                .param("notFound", ts(notFoundDeadline)).param("human", ts(humanAfter)).param("now", ts(now))
                .update();
    }

    /** Moves the safety net once the request is really sent (its deadlines count from then). */
    void rearm(String targetId, Instant due, Instant notFoundDeadline) {
        jdbc.sql("update recovery_task set next_attempt_at = :due, not_found_deadline = :notFound where target_id = :target")
                .param("due", ts(due)).param("notFound", ts(notFoundDeadline)).param("target", targetId).update();
    }

    void due(String targetId, Instant at) {
        jdbc.sql("update recovery_task set next_attempt_at = :at where target_id = :target")
                .param("at", ts(at)).param("target", targetId).update();
    }

    List<RecoveryTask> dueAt(Instant now, int limit) {
        return jdbc.sql("select * from recovery_task where next_attempt_at <= :now order by next_attempt_at fetch first "
                        + Math.max(1, limit) + " rows only")
                .param("now", ts(now)).query((rs, n) -> new RecoveryTask(rs.getString("target_id"),
                        RecoveryTask.Kind.valueOf(rs.getString("kind")), rs.getString("payment_id"),
                        instant(rs, "next_attempt_at"), rs.getInt("attempts"), instant(rs, "not_found_deadline"),
                        instant(rs, "human_after")))
                .list();
    }

    /** Takes the task for {@code lease}; false when another replica took it first. */
    boolean claim(RecoveryTask task, Instant leaseUntil) {
        return jdbc.sql("""
                update recovery_task set next_attempt_at = :lease
                where target_id = :target and next_attempt_at = :seen""")
                .param("lease", ts(leaseUntil)).param("target", task.targetId()).param("seen", ts(task.nextAttemptAt()))
                .update() == 1;
    }

    void retryLater(String targetId, Instant next, String lastError) {
        jdbc.sql("update recovery_task set next_attempt_at = :next, attempts = attempts + 1, last_error = :error where target_id = :target")
                .param("next", ts(next)).param("error", Journal.detail(lastError)).param("target", targetId).update();
    }

    void delete(String targetId) {
        jdbc.sql("delete from recovery_task where target_id = :target").param("target", targetId).update();
    }

    int count() {
        return jdbc.sql("select count(*) from recovery_task").query(Integer.class).single();
    }
}
