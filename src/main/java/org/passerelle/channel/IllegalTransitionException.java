package org.passerelle.channel;

import org.passerelle.api.ClientProblem;
import org.passerelle.api.ProblemTypes;
import org.springframework.http.HttpStatus;

/** A requested change that the channel's current state does not allow; nothing was changed. */
class IllegalTransitionException extends ClientProblem {
    /**
     * @param message   the API's detail
     * @param screenKey the console's text, under {@code refusal.} in messages*.properties
     * @param args      its arguments (a {@link ChannelId} is shown by its screen name, a {@link ClientProblem.Word} by its text)
     */
    IllegalTransitionException(String message, String screenKey, Object... args) {
        super(HttpStatus.CONFLICT, ProblemTypes.ILLEGAL_TRANSITION, "Change not allowed in the current state", message);
        screenText(screenKey, args);
    }
}
