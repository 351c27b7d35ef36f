package org.passerelle.console;

import org.passerelle.channel.ChannelId;
import org.passerelle.channel.IncidentHistory;
import org.passerelle.channel.IncidentStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records, for the incident report, what waited on each channel when it was isolated and when it was restored,
 * whichever way the change came (console or API). A failure here never undoes or fails the control change.
 */
@Component
class IncidentWorkRecorder {

    private static final Logger log = LoggerFactory.getLogger(IncidentWorkRecorder.class);

    private final WorkFigures figures;
    private final IncidentHistory history;

    IncidentWorkRecorder(WorkFigures figures, IncidentHistory history) {
        this.figures = figures;
        this.history = history;
    }

    @EventListener
    void on(IncidentStep step) {
        for (ChannelId channel : step.channels()) {
            try {
                history.recordWork(step.incidentId(), figures.at(step, channel));
            } catch (RuntimeException e) {
                log.warn("Incident {}: the counts of {} at {} were not recorded ({})", step.incidentId(), channel,
                        step.kind(), e.toString());
            }
        }
    }
}
