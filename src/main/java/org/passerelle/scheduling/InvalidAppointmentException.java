package org.passerelle.scheduling;

import org.passerelle.api.ClientProblem;
import org.passerelle.api.ProblemTypes;
import org.springframework.http.HttpStatus;

/** The appointment cannot be accepted as sent (e.g. unknown site); nothing was stored. */
public class InvalidAppointmentException extends ClientProblem {
    private final String field;

    public InvalidAppointmentException(String field, String detail) {
        super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid appointment", detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
