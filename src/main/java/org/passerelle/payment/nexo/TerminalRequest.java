package org.passerelle.payment.nexo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One SaleToPOIRequest on its way through a payments route, with the reader that turns the backend's JSON
 * answer into what the caller wants (read inside the circuit breaker, so an unreadable answer counts as
 * backend trouble).
 */
public record TerminalRequest<T>(NexoMessages.Outgoing message, AnswerReader<T> reader) {

    @FunctionalInterface
    public interface AnswerReader<T> {
        T read(JsonNode answer) throws TerminalBackendException;
    }

    /** Never prints the message: it names the terminal and the amount. */
    @Override
    public String toString() {
        return "TerminalRequest[" + message.category() + " " + message.serviceId() + "]";
    }
}
