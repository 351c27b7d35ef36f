package org.passerelle.scheduling;

import java.net.URI;
import org.passerelle.api.ClientProblem;
import org.passerelle.api.ProblemTypes;
import org.springframework.http.HttpStatus;

/** The scheduling channel is suspended: nothing new is accepted, nothing accepted earlier is lost. */
public class IntakeSuspendedException extends ClientProblem {
    public static final URI TYPE = URI.create(ProblemTypes.BASE + "scheduling-suspended");

    public IntakeSuspendedException() {
        super(HttpStatus.SERVICE_UNAVAILABLE, TYPE, "Scheduling intake suspended",
                "Appointment intake is suspended by operations; nothing was stored. Keep the message and send it again later.");
    }
}
