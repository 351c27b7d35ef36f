package org.passerelle.sandbox;

/**
 * What the sandbox terminal does with a payment, chosen by the last two digits of the amount in minor
 * units (the cents), so a demo picks its scenario by typing the amount: 42,00 € approves, 42,01 €
 * is declined, 42,03 € loses the response after approving, and so on.
 */
enum SandboxTerminalRule {
    APPROVE("approved at once"),
    DECLINE("declined by the issuer (Refusal)"),
    SLOW_APPROVAL("approved after a long card prompt"),
    APPROVE_THEN_LOSE_RESPONSE("approved, then the connection drops before the answer: UNKNOWN until TransactionStatus"),
    BUSY("terminal busy (Busy): nothing charged"),
    SERVER_ERROR("HTTP 500 without processing: UNKNOWN, then FAILED once the backend says NotFound"),
    NEVER_ANSWER("the card prompt never returns: UNKNOWN, InProgress, then the customer walks away (Cancel)"),
    WRONG_PIN("wrong PIN (WrongPIN)"),
    CUSTOMER_CANCEL("the customer presses cancel (Cancel)"),
    STRANGE_ANSWER("an ErrorCondition nobody knows: UNKNOWN, flagged for a human"),
    WAIT_FOR_CASHIER_CANCEL("the card prompt stays open until the cashier cancels (AbortRequest), approved after 60 s");

    private final String description;

    SandboxTerminalRule(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    static SandboxTerminalRule forAmount(long amountMinor) {
        return switch ((int) (amountMinor % 100)) {
            case 1 -> DECLINE;
            case 2 -> SLOW_APPROVAL;
            case 3 -> APPROVE_THEN_LOSE_RESPONSE;
            case 4 -> BUSY;
            case 5 -> SERVER_ERROR;
            case 6 -> NEVER_ANSWER;
            case 7 -> WRONG_PIN;
            case 8 -> CUSTOMER_CANCEL;
            case 9 -> STRANGE_ANSWER;
            case 10 -> WAIT_FOR_CASHIER_CANCEL;
            default -> APPROVE;
        };
    }
}
