package org.passerelle.console;

import java.util.ArrayList;
import java.util.List;
import org.passerelle.channel.ChannelId;
import org.passerelle.channel.ChannelStates;
import org.passerelle.channel.IncidentHistory;
import org.passerelle.channel.ReopenApprovals;
import org.passerelle.channel.ReopenRequest;
import org.springframework.stereotype.Component;

/** What the console page shows, built fresh for each poll, with its labels in the user's language. */
@Component
class ConsoleState {

    private final ChannelStates channels;
    private final ReopenApprovals approvals;
    private final IncidentHistory history;
    private final WorkFigures figures;
    private final ConsoleText text;

    ConsoleState(ChannelStates channels, ReopenApprovals approvals, IncidentHistory history, WorkFigures figures, ConsoleText text) {
        this.channels = channels;
        this.approvals = approvals;
        this.history = history;
        this.figures = figures;
        this.text = text;
    }

    record View(boolean fourEyes, String updatedAt, IncidentView incident, List<Card> cards, List<Pending> pending) {
    }

    record IncidentView(long id, String text) {
    }

    /** One channel; {@code actions} are the buttons that make sense now (the page hides the others). */
    record Card(String id, String name, String state, String stateLabel, String tone, String breakerLabel,
                String breakerTone, List<Figure> figures, String lastError, String lastChange, List<String> actions) {
    }

    record Figure(String key, String label, String value) {
    }

    record Pending(long id, String requestedBy, String text) {
    }

    View build() {
        WorkFigures.Now now = figures.now();
        List<Card> cards = new ArrayList<>();
        for (ChannelStates.Channel c : channels.all()) {
            cards.add(card(c, now));
        }
        IncidentView incident = history.openIncident()
                .map(i -> new IncidentView(i.id(), text.get("console.incident", i.id(), i.openedBy(), text.time(i.openedAt()), i.reason())))
                .orElse(null);
        List<Pending> pending = approvals.pending().stream().map(this::pending).toList();
        return new View(approvals.fourEyes(), text.time(java.time.OffsetDateTime.now()), incident, cards, pending);
    }

    Pending pending(ReopenRequest r) {
        return new Pending(r.id(), r.requestedBy(), text.get("console.pendingItem", r.id(),
                String.join(", ", r.channels().stream().map(text::channel).toList()), r.requestedBy(), text.time(r.requestedAt()), r.reason()));
    }

    private Card card(ChannelStates.Channel c, WorkFigures.Now now) {
        List<Figure> list = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        switch (c.state()) {
            case "ACTIVE" -> actions.add(ConsoleAction.SUSPEND.name());
            case "SUSPENDED" -> actions.add(ConsoleAction.RESUME.name());
            case "ISOLATED" -> actions.add(ConsoleAction.RESTORE.name());
            default -> { }
        }
        if (c.id() == ChannelId.SMS) {
            list.add(new Figure("waiting", text.get("figure.remindersWaiting"), Long.toString(now.remindersWaiting())));
            list.add(new Figure("expiring", text.get("figure.remindersExpiring"), Long.toString(now.remindersExpiring())));
            list.add(new Figure("rate", text.get("figure.deliveryRate"), rate(now.deliveryRate(), now.delivered(), now.undelivered())));
        } else if (c.id() == ChannelId.PAYMENTS) {
            list.add(new Figure("pending", text.get("figure.paymentsPending"), Long.toString(now.paymentsPending())));
            list.add(new Figure("doubt", text.get("figure.paymentsInDoubt"), Long.toString(now.paymentsInDoubt())));
            list.add(new Figure("rate", text.get("figure.approvalRate"), rate(now.approvalRate(), now.approved(), now.notApproved())));
        }
        String breakerLabel = null;
        String breakerTone = null;
        if (c.breakerState() != null) {
            breakerLabel = text.get("breaker." + c.breakerState());
            breakerTone = switch (c.breakerState()) {
                case "CLOSED" -> "ok";
                case "HALF_OPEN", "DISABLED" -> "warn";
                default -> "bad";
            };
            if (!c.breakerMode().equals("FORCED_OPEN")) {
                actions.add(ConsoleAction.FORCE_OPEN.name());
            }
            if (!c.breakerMode().equals("FORCED_CLOSED")) {
                actions.add(ConsoleAction.FORCE_CLOSED.name());
            }
            actions.add(ConsoleAction.RESET.name());
        }
        String tone = switch (c.state()) {
            case "ACTIVE" -> c.open() ? "ok" : "warn";
            case "SUSPENDED" -> "warn";
            default -> "bad";
        };
        String lastError = c.lastErrorAt() == null ? text.get("card.noError")
                : text.time(c.lastErrorAt()) + " · " + c.lastError();
        String lastChange = c.changedAt() == null ? "" : text.get("card.change", c.changedBy(), text.time(c.changedAt()), c.changeReason());
        return new Card(c.id().id(), text.channel(c.id()), c.state(), text.get("state." + c.state()), tone, breakerLabel,
                breakerTone, list, lastError, lastChange, actions);
    }

    private String rate(Integer percent, long good, long bad) {
        return percent == null ? text.get("figure.noRate") : text.get("figure.rate", percent, good, good + bad);
    }
}
