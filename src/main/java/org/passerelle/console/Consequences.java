package org.passerelle.console;

import org.passerelle.channel.ChannelId;
import org.passerelle.channel.ReopenApprovals;
import org.passerelle.channel.ReopenRequest;
import org.springframework.stereotype.Component;

/**
 * What an action will do, in words and live counts, shown in its confirmation before ops confirm it
 * ("Les rappels SMS ne partiront plus ; 124 rappels en attente patienteront").
 */
@Component
class Consequences {

    private final WorkFigures figures;
    private final ReopenApprovals approvals;
    private final ConsoleText text;

    Consequences(WorkFigures figures, ReopenApprovals approvals, ConsoleText text) {
        this.figures = figures;
        this.approvals = approvals;
        this.text = text;
    }

    /** {@code fourEyes}: a note that a second ops user will have to approve, or null. */
    record Preview(String title, String consequence, String fourEyes, String confirm) {
    }

    Preview of(ConsoleAction action, ChannelId channel, Long requestId) {
        WorkFigures.Now now = figures.now();
        Object[] counts = {now.remindersWaiting(), now.remindersExpiring(), now.paymentsPending(), now.paymentsInDoubt()};
        String name = channel == null ? "" : text.channel(channel);
        String title = text.get("confirm.title." + action.name(), name);
        String confirm = text.get("confirm.button." + action.name());
        return switch (action) {
            case ISOLATE, WITHDRAW -> new Preview(title, text.get("consequence." + action.name(), counts), null, confirm);
            case APPROVE -> {
                ReopenRequest r = approvals.pending().stream().filter(p -> requestId != null && p.id() == requestId)
                        .findFirst().orElse(null);
                if (r == null) {
                    yield new Preview(title, text.get("consequence.APPROVE.gone", requestId), null, confirm);
                }
                StringBuilder what = new StringBuilder(text.get("consequence.APPROVE", r.requestedBy(), r.reason()));
                for (String c : r.channels()) {
                    what.append(' ').append(text.get("consequence.RESUME." + c, counts));
                }
                yield new Preview(text.get("confirm.title.APPROVE", String.join(", ", r.channels().stream().map(text::channel).toList())),
                        what.toString(), null, confirm);
            }
            case RESTORE, RESUME -> new Preview(title, text.get("consequence." + action.name(), name) + " "
                    + text.get("consequence.RESUME." + channel.id(), counts),
                    approvals.needsApproval(channel) ? text.get("consequence.fourEyes") : null, confirm);
            default -> new Preview(title, text.get("consequence." + action.name() + "." + channel.id(), counts), null, confirm);
        };
    }
}
