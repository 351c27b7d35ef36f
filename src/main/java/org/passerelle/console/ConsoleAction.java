package org.passerelle.console;

/** Every action a console button can take. */
enum ConsoleAction {
    SUSPEND, RESUME, FORCE_OPEN, FORCE_CLOSED, RESET, ISOLATE, RESTORE, APPROVE, WITHDRAW
}
