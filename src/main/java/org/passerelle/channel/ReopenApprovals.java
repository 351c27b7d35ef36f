package org.passerelle.channel;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.passerelle.api.ClientProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reopening channels after an isolation, with the optional four-eyes rule
 * ({@code passerelle.channels.four-eyes-restore}): when it is on, a restore, or the resume of a channel suspended
 * out of isolation, only records a pending request (audit REOPEN_REQUESTED); a second ops user, never the requester,
 * approves it, and the reopening then happens with both names in the audit. The console and the JSON API both come
 * through here, so neither can skip the rule.
 */
@Service
public class ReopenApprovals {

    private static final Logger log = LoggerFactory.getLogger(ReopenApprovals.class);

    private final ChannelControl control;
    private final ChannelStore store;
    private final AuditLog audit;
    private final ReopenRequests requests;
    private final ChannelProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ReopenApprovals(ChannelControl control, ChannelStore store, AuditLog audit, ReopenRequests requests,
                           ChannelProperties properties, TransactionTemplate tx, Clock clock) {
        this.control = control;
        this.store = store;
        this.audit = audit;
        this.requests = requests;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** What a reopening call did: reopened now ({@code result}), or waiting for approval ({@code pending}). */
    public record Outcome(ChannelControl.ChangeResult result, ReopenRequest pending) {
    }

    public boolean fourEyes() {
        return properties.fourEyesRestore();
    }

    /** Whether reopening this channel now would wait for a second ops user. */
    public boolean needsApproval(ChannelId channel) {
        if (!properties.fourEyesRestore()) {
            return false;
        }
        ChannelState state = store.snapshot().channel(channel).state();
        return state == ChannelState.ISOLATED || state == ChannelState.SUSPENDED && audit.suspendedOutOfIsolation(channel);
    }

    public Outcome restore(Set<ChannelId> channels, String actor, String reason) {
        if (!properties.fourEyesRestore()) {
            return new Outcome(control.restore(channels, actor, reason), null);
        }
        return new Outcome(null, request(ReopenRequest.Kind.RESTORE, List.copyOf(EnumSet.copyOf(channels)), actor, reason));
    }

    public Outcome resume(ChannelId channel, String actor, String reason) {
        if (!properties.fourEyesRestore() || !audit.suspendedOutOfIsolation(channel)) {
            return new Outcome(control.resume(channel, actor, reason), null);
        }
        return new Outcome(null, request(ReopenRequest.Kind.RESUME, List.of(channel), actor, reason));
    }

    /** Approves a pending request and reopens its channels, the requester as actor and the approver named. */
    public ChannelControl.ChangeResult approve(long requestId, String approver, String reason) {
        ReopenRequest request = requests.find(requestId)
                .orElseThrow(() -> new IllegalTransitionException("No reopening request " + requestId, "no-request", requestId));
        if (request.status() != ReopenRequest.Status.PENDING) {
            throw new IllegalTransitionException("Reopening request " + requestId + " is already "
                    + request.status().name().toLowerCase() + (request.decidedBy() == null ? "" : " (by " + request.decidedBy() + ")"),
                    "request-decided", requestId);
        }
        if (request.requestedBy().equals(approver)) {
            throw new IllegalTransitionException("Four-eyes: " + approver + " asked for this reopening and cannot approve it;"
                    + " another ops user must", "four-eyes-self", approver);
        }
        if (!requests.decide(requestId, ReopenRequest.Status.APPROVED, approver, now(), reason)) {
            throw new IllegalTransitionException("Reopening request " + requestId + " was decided by someone else meanwhile",
                    "decided-meanwhile", requestId);
        }
        List<ChannelId> channels = request.channels().stream().map(ChannelId::fromId).toList();
        try {
            ChannelControl.ChangeResult result = request.kind() == ReopenRequest.Kind.RESTORE
                    ? control.restore(EnumSet.copyOf(channels), request.requestedBy(), request.reason(), approver)
                    : control.resume(channels.get(0), request.requestedBy(), request.reason(), approver);
            log.warn("Reopening {} of {} approved by {} (asked by {})", requestId, request.channels(), approver, request.requestedBy());
            return result;
        } catch (RuntimeException e) {
            requests.undoApproval(requestId);
            throw e;
        }
    }

    /** The requester (or another ops user) withdraws a pending request. */
    public void withdraw(long requestId, String actor, String reason) {
        if (!requests.decide(requestId, ReopenRequest.Status.WITHDRAWN, actor, now(), reason)) {
            throw new IllegalTransitionException("Reopening request " + requestId + " is not pending", "not-pending", requestId);
        }
    }

    public List<ReopenRequest> pending() {
        return requests.pending();
    }

    private ReopenRequest request(ReopenRequest.Kind kind, List<ChannelId> channels, String actor, String reason) {
        long id = tx.execute(s -> {
            ControlSnapshot snap = store.snapshot();
            for (ChannelId c : channels) {
                ChannelState state = snap.channel(c).state();
                boolean legal = kind == ReopenRequest.Kind.RESTORE ? state == ChannelState.ISOLATED : state == ChannelState.SUSPENDED;
                if (!legal) {
                    throw new IllegalTransitionException("Channel " + c + " is " + state.name().toLowerCase()
                            + "; nothing to " + kind.name().toLowerCase(), "nothing-to-reopen", c,
                            new ClientProblem.Word("state." + state.name()));
                }
            }
            for (ReopenRequest open : requests.pending()) {
                List<String> overlap = new ArrayList<>(open.channels());
                overlap.retainAll(channels.stream().map(ChannelId::id).toList());
                if (!overlap.isEmpty()) {
                    throw new IllegalTransitionException("Reopening request " + open.id() + " by " + open.requestedBy()
                            + " already waits for approval for " + String.join(", ", overlap), "request-waiting", open.id(),
                            open.requestedBy());
                }
            }
            Long incident = kind == ReopenRequest.Kind.RESTORE ? snap.openIncidentId() : null;
            OffsetDateTime at = now();
            long created = requests.create(incident, kind, channels, actor, at, reason);
            for (ChannelId c : channels) {
                String state = snap.channel(c).state().name();
                audit.append(at, actor, c, AuditAction.REOPEN_REQUESTED, state, ChannelState.ACTIVE.name(),
                        reason, incident);
            }
            return created;
        });
        log.warn("Reopening of {} asked by {}: waits for a second ops user (four-eyes)", channels, actor);
        return requests.find(id).orElseThrow();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
