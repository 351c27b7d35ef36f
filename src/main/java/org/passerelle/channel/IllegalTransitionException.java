package org.passerelle.channel;

import org.passerelle.api.ClientProblem;
import org.passerelle.api.ProblemTypes;
import org.springframework.http.HttpStatus;

/** A requested change that the channel's current state does not allow; nothing was changed. */
class IllegalTransitionException extends ClientProblem {
    public IllegalTransitionException(String message) {
        super(HttpStatus.CONFLICT, ProblemTypes.ILLEGAL_TRANSITION, "Change not allowed in the current state", message);
    }
}
