package org.passerelle.console;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.passerelle.channel.ChannelId;
import org.passerelle.channel.IncidentHistory;
import org.passerelle.channel.IncidentRecord;
import org.passerelle.scheduling.ReminderFigures;
import org.springframework.stereotype.Component;

/** Builds {@link IncidentReport}s from the control plane's history and the features' counts. */
@Component
class IncidentReports {

    private final IncidentHistory history;
    private final WorkFigures figures;
    private final Clock clock;

    IncidentReports(IncidentHistory history, WorkFigures figures, Clock clock) {
        this.history = history;
        this.figures = figures;
        this.clock = clock;
    }

    List<IncidentRecord> recent() {
        return history.incidents(200);
    }

    Optional<IncidentReport> report(long id) {
        return history.incident(id).map(this::build);
    }

    private IncidentReport build(IncidentRecord incident) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime end = incident.closedAt() == null ? now : incident.closedAt();
        List<IncidentReport.Step> timeline = IncidentReport.steps(history.timeline(incident.id()));
        List<IncidentReport.Drain> drains = new ArrayList<>();
        for (IncidentReport.Step step : timeline) {
            if (step.channel().equals(ChannelId.SMS.id()) && "ACTIVE".equals(step.to())
                    && ("RESTORE".equals(step.action()) || "RESUME".equals(step.action()))) {
                ReminderFigures.Drain d = figures.reminders().drainedAfter(step.at());
                drains.add(IncidentReport.Drain.of(step.channel(), step.at(), d.sent(), d.lastSentAt()));
            }
        }
        long expired = figures.reminders().expiredBetween(incident.openedAt(), end);
        long inDoubt = figures.payments().inDoubtStartedBefore(end);
        return IncidentReport.of(incident, timeline, history.work(incident.id()), expired, drains, inDoubt, now);
    }
}
