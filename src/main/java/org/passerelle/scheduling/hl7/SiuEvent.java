package org.passerelle.scheduling.hl7;

import java.util.Optional;

/** The SIU trigger events Passerelle applies; all use the SIU_S12 structure. */
enum SiuEvent {
    S12(Action.BOOK, "new appointment"),
    S13(Action.BOOK, "reschedule"),
    S14(Action.BOOK, "modification"),
    S15(Action.CANCEL, "cancellation"),
    S17(Action.CANCEL, "deletion"),
    S26(Action.NO_SHOW, "no-show");

    public enum Action { BOOK, CANCEL, NO_SHOW }

    private final Action action;
    private final String meaning;

    SiuEvent(Action action, String meaning) {
        this.action = action;
        this.meaning = meaning;
    }

    public Action action() {
        return action;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<SiuEvent> of(String trigger) {
        for (SiuEvent e : values()) {
            if (e.name().equalsIgnoreCase(trigger)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
