package org.passerelle.channel;

import org.passerelle.api.ClientProblem;
import org.passerelle.api.ProblemTypes;
import org.springframework.http.HttpStatus;

class UnknownChannelException extends ClientProblem {
    public UnknownChannelException(String id) {
        super(HttpStatus.NOT_FOUND, ProblemTypes.UNKNOWN_CHANNEL, "Unknown channel",
                "Unknown channel '" + (id == null ? "" : id.replaceAll("[^A-Za-z0-9_-]", "?")) + "'; known channels: "
                        + ChannelId.knownIds());
    }
}
