package org.passerelle.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every change of desired state: persisted with its audit record in one transaction, then applied to
 * this replica before the call returns. Other replicas pick it up through {@link ChannelReconciler}.
 */
@Service
public class ChannelControl {

    private static final Logger log = LoggerFactory.getLogger(ChannelControl.class);

    private final ChannelStore store;
    private final ControlPlaneWakeUp wakeUp;
    private final AuditLog audit;
    private final ChannelReconciler reconciler;
    private final ChannelGate gate;
    private final ChannelMetrics metrics;
    private final ChannelProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher steps;

    public ChannelControl(ChannelStore store, AuditLog audit, ChannelReconciler reconciler, ChannelGate gate,
                          ChannelMetrics metrics, ChannelProperties properties, TransactionTemplate tx, Clock clock,
                          ControlPlaneWakeUp wakeUp, ApplicationEventPublisher steps) {
        this.steps = steps;
        this.wakeUp = wakeUp;
        this.store = store;
        this.audit = audit;
        this.reconciler = reconciler;
        this.gate = gate;
        this.metrics = metrics;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * ACTIVE or ISOLATED → SUSPENDED. Returns once this replica starts no new call on the channel.
     * A channel suspended out of isolation is no longer isolated: if it was the last one, the incident
     * closes, exactly as with a restore (otherwise the incident could never close, and isolate would be
     * refused for good).
     */
    public ChangeResult suspend(ChannelId id, String actor, String reason) {
        tx.executeWithoutResult(s -> {
            ControlSnapshot snap = lockedSnapshot();
            ChannelRecord current = snap.channel(id);
            if (current.state() == ChannelState.SUSPENDED) {
                throw new IllegalTransitionException("Channel " + id + " is already suspended (since "
                        + current.changedAt() + " by " + current.changedBy() + ")", "already-suspended", id, current.changedBy());
            }
            Long incidentId = current.state() == ChannelState.ISOLATED ? snap.openIncidentId() : null;
            changeState(current, ChannelState.SUSPENDED, AuditAction.SUSPEND, actor, reason, incidentId);
            if (incidentId != null && snap.channels().values().stream()
                    .noneMatch(c -> c.id() != id && c.state() == ChannelState.ISOLATED)) {
                store.closeIncident(incidentId, now(), actor);
            }
        });
        return afterClosing(List.of(id), AuditAction.SUSPEND);
    }

    /** SUSPENDED → ACTIVE. An isolated channel comes back only through the incident restore. */
    public ChangeResult resume(ChannelId id, String actor, String reason) {
        return resume(id, actor, reason, null);
    }

    /** The same, naming the second ops user who approved it (four-eyes), recorded in the audit. */
    ChangeResult resume(ChannelId id, String actor, String reason, String approvedBy) {
        tx.executeWithoutResult(s -> {
            ControlSnapshot snap = lockedSnapshot();
            ChannelRecord current = snap.channel(id);
            switch (current.state()) {
                case ACTIVE -> throw new IllegalTransitionException("Channel " + id + " is already active", "already-active", id);
                case ISOLATED -> throw new IllegalTransitionException("Channel " + id + " is isolated by incident "
                        + snap.openIncidentId() + "; bring it back with POST /api/incident/restore", "isolated-use-restore", id,
                        snap.openIncidentId());
                case SUSPENDED -> changeState(current, ChannelState.ACTIVE, AuditAction.RESUME, actor, reason, null, approvedBy);
            }
        });
        return afterOpening(List.of(id), AuditAction.RESUME);
    }

    /** Every channel → ISOLATED in one action, recorded as one incident. */
    public ChangeResult isolate(String actor, String reason) {
        long incident = tx.execute(s -> {
            ControlSnapshot snap = lockedSnapshot();
            if (snap.openIncidentId() != null) {
                throw new IllegalTransitionException("The hospital is already isolated (incident "
                        + snap.openIncidentId() + "); restore channels with POST /api/incident/restore", "already-isolated",
                        snap.openIncidentId());
            }
            long incidentId = store.openIncident(now(), actor, reason);
            for (ChannelRecord c : snap.channels().values()) {
                changeState(c, ChannelState.ISOLATED, AuditAction.ISOLATE, actor, reason, incidentId);
            }
            return incidentId;
        });
        log.warn("Incident {} opened by {}: every channel isolated", incident, actor);
        steps.publishEvent(new IncidentStep(incident, IncidentStep.Kind.ISOLATE, List.of(ChannelId.values()), now()));
        return afterClosing(List.of(ChannelId.values()), AuditAction.ISOLATE);
    }

    /** Brings the named channels back to ACTIVE during an incident; the incident closes with the last one. */
    public ChangeResult restore(Set<ChannelId> channels, String actor, String reason) {
        return restore(channels, actor, reason, null);
    }

    /** The same, naming the second ops user who approved it (four-eyes), recorded in the audit. */
    ChangeResult restore(Set<ChannelId> channels, String actor, String reason, String approvedBy) {
        Long incident = tx.execute(s -> {
            ControlSnapshot snap = lockedSnapshot();
            Long incidentId = snap.openIncidentId();
            if (incidentId == null) {
                throw new IllegalTransitionException("No incident is open; use POST /api/channels/{id}/resume for a suspended channel",
                        "no-incident");
            }
            for (ChannelId id : channels) {
                if (snap.channel(id).state() == ChannelState.ACTIVE) {
                    throw new IllegalTransitionException("Channel " + id + " is already active; nothing was restored",
                            "restore-active", id);
                }
            }
            Set<ChannelId> stillIsolated = EnumSet.noneOf(ChannelId.class);
            for (ChannelRecord c : snap.channels().values()) {
                if (channels.contains(c.id())) {
                    changeState(c, ChannelState.ACTIVE, AuditAction.RESTORE, actor, reason, incidentId, approvedBy);
                } else if (c.state() == ChannelState.ISOLATED) {
                    stillIsolated.add(c.id());
                }
            }
            if (stillIsolated.isEmpty()) {
                store.closeIncident(incidentId, now(), actor);
            }
            return incidentId;
        });
        log.warn("Channels {} restored by {}", channels, actor);
        steps.publishEvent(new IncidentStep(incident, IncidentStep.Kind.RESTORE, List.copyOf(channels), now()));
        return afterOpening(List.copyOf(channels), AuditAction.RESTORE);
    }

    public enum BreakerCommand { FORCE_OPEN, FORCE_CLOSED, RESET }

    /** Forces a channel's breaker open or closed, or hands it back to Resilience4j with a clean slate. */
    public ChangeResult breaker(ChannelId id, BreakerCommand command, String actor, String reason) {
        if (!id.hasBreaker()) {
            throw new IllegalTransitionException("Channel " + id + " has no circuit breaker (it calls no outside service)",
                    "no-breaker", id);
        }
        tx.executeWithoutResult(s -> {
            ChannelRecord current = lockedSnapshot().channel(id);
            BreakerMode target = switch (command) {
                case FORCE_OPEN -> BreakerMode.FORCED_OPEN;
                case FORCE_CLOSED -> BreakerMode.FORCED_CLOSED;
                case RESET -> BreakerMode.AUTO;
            };
            if (command != BreakerCommand.RESET && current.breakerMode() == target) {
                throw new IllegalTransitionException("The " + id + " breaker is already " + target.name().toLowerCase().replace('_', ' '),
                        "breaker-already", id);
            }
            long resets = current.breakerResetCount() + (command == BreakerCommand.RESET ? 1 : 0);
            OffsetDateTime at = now();
            store.save(current.withBreaker(target, resets, at, actor, reason));
            AuditAction action = switch (command) {
                case FORCE_OPEN -> AuditAction.BREAKER_FORCE_OPEN;
                case FORCE_CLOSED -> AuditAction.BREAKER_FORCE_CLOSED;
                case RESET -> AuditAction.BREAKER_RESET;
            };
            audit.append(at, actor, id, action, current.breakerMode().name(), target.name(), reason, null);
        });
        metrics.changed(id, command.name());
        reconciler.reconcileNow();
        return new ChangeResult(List.of(id), 0);
    }

    private ControlSnapshot lockedSnapshot() {
        store.lockAndBumpRevision();
        wakeUp.announce(); // delivered to the other replicas when this transaction commits
        return store.snapshot();
    }

    private void changeState(ChannelRecord current, ChannelState target, AuditAction action,
                             String actor, String reason, Long incidentId) {
        changeState(current, target, action, actor, reason, incidentId, null);
    }

    private void changeState(ChannelRecord current, ChannelState target, AuditAction action,
                             String actor, String reason, Long incidentId, String approvedBy) {
        OffsetDateTime at = now();
        store.save(current.with(target, at, actor, reason));
        audit.append(at, actor, current.id(), action, current.state().name(), target.name(), reason, incidentId, approvedBy);
    }

    private ChangeResult afterClosing(List<ChannelId> channels, AuditAction action) {
        reconciler.reconcileNow();
        int stillRunning = 0;
        long deadline = System.nanoTime() + properties.suspendDrainTimeout().toNanos();
        for (ChannelId id : channels) {
            metrics.changed(id, action.name());
            stillRunning += gate.awaitInFlight(id, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return new ChangeResult(List.copyOf(channels), stillRunning);
    }

    private ChangeResult afterOpening(List<ChannelId> channels, AuditAction action) {
        reconciler.reconcileNow();
        channels.forEach(id -> metrics.changed(id, action.name()));
        return new ChangeResult(new ArrayList<>(channels), 0);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /**
     * @param callsStillInFlight outbound calls that had started before the change and were still running
     *                           when the drain timeout ended; they finish normally
     */
    public record ChangeResult(List<ChannelId> channels, int callsStillInFlight) {
    }
}
