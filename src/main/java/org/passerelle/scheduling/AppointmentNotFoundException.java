package org.passerelle.scheduling;

import org.passerelle.api.ClientProblem;
import org.passerelle.api.ProblemTypes;
import org.springframework.http.HttpStatus;

public class AppointmentNotFoundException extends ClientProblem {
    public AppointmentNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Unknown appointment", "No appointment with id '" + id + "'");
    }
}
