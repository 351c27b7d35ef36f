package org.passerelle.payment;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.passerelle.api.ClientProblem;
import org.passerelle.api.ProblemTypes;
import org.springframework.http.HttpStatus;

/** Every answer the cashier API gives when it cannot do what was asked. Types are stable; clients switch on them. */
final class PaymentProblems {

    static final URI SUSPENDED = URI.create(ProblemTypes.BASE + "payments-suspended");
    static final URI BACKEND_UNAVAILABLE = URI.create(ProblemTypes.BASE + "payments-backend-unavailable");
    static final URI KEY_REQUIRED = URI.create(ProblemTypes.BASE + "idempotency-key-required");
    static final URI KEY_REUSED = URI.create(ProblemTypes.BASE + "idempotency-key-reused");
    static final URI TERMINAL_BUSY = URI.create(ProblemTypes.BASE + "terminal-busy");
    static final URI NOT_REFUNDABLE = URI.create(ProblemTypes.BASE + "payment-not-refundable");
    static final URI REFUND_TOO_LARGE = URI.create(ProblemTypes.BASE + "refund-exceeds-remaining");
    static final URI NOT_CANCELLABLE = URI.create(ProblemTypes.BASE + "payment-not-cancellable");

    static final String TAKE_CASH = "Paiement par carte indisponible : encaissez en espèces ou par chèque.";
    static final String REFUND_CASH = "Remboursement par carte indisponible : remboursez en espèces ou par chèque, "
            + "ou réessayez plus tard.";

    private PaymentProblems() {
    }

    /** 503: ops suspended payments (or isolated the hospital), or the breaker says the backend is down. Nothing stored. */
    static final class Unavailable extends ClientProblem {
        private Unavailable(URI type, String title, String detail) {
            super(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail);
        }

        static Unavailable forPayment(boolean channelOpen) {
            return channelOpen
                    ? new Unavailable(BACKEND_UNAVAILABLE, "Card payment backend unavailable", TAKE_CASH)
                    : new Unavailable(SUSPENDED, "Card payments suspended", TAKE_CASH);
        }

        static Unavailable forRefund(boolean channelOpen) {
            return channelOpen
                    ? new Unavailable(BACKEND_UNAVAILABLE, "Card payment backend unavailable", REFUND_CASH)
                    : new Unavailable(SUSPENDED, "Card payments suspended", REFUND_CASH);
        }

        static Unavailable forAbort(boolean channelOpen) {
            String detail = "Annulation non transmise au terminal : demandez au patient d'annuler sur le terminal.";
            return channelOpen
                    ? new Unavailable(BACKEND_UNAVAILABLE, "Card payment backend unavailable", detail)
                    : new Unavailable(SUSPENDED, "Card payments isolated", detail);
        }
    }

    static final class KeyRequired extends ClientProblem {
        KeyRequired() {
            this("Send an Idempotency-Key header (1-128 printable ASCII characters, e.g. a UUID) so a retry "
                    + "can never charge twice; nothing was stored.");
        }

        private KeyRequired(String detail) {
            super(HttpStatus.BAD_REQUEST, KEY_REQUIRED, "Idempotency-Key required", detail);
        }

        /** A key with characters outside printable ASCII (accents, other scripts, control characters). */
        static KeyRequired notAscii() {
            return new KeyRequired("The Idempotency-Key header may only hold printable ASCII characters (1-128, e.g. a "
                    + "UUID); this one holds others. Nothing was stored.");
        }
    }

    /** 400 for a reconciliation day no business day can be. */
    static final class DateOutOfRange extends ClientProblem {
        DateOutOfRange() {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", "The reconciliation date is out of range");
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("errors", List.of(Map.of("field", "date", "message",
                    "a business day between " + Reconciliation.FIRST_DAY + " and " + Reconciliation.LAST_DAY)));
        }
    }

    static final class KeyReused extends ClientProblem {
        KeyReused() {
            super(HttpStatus.UNPROCESSABLE_ENTITY, KEY_REUSED, "Idempotency-Key already used",
                    "This Idempotency-Key was already used with a different request; use a new key for a new "
                            + "operation. Nothing was stored.");
        }
    }

    static final class TerminalBusy extends ClientProblem {
        private final String terminalId;
        private final String paymentInProgress;

        TerminalBusy(String terminalId, String paymentInProgress) {
            super(HttpStatus.CONFLICT, TERMINAL_BUSY, "Terminal busy",
                    "Terminal " + terminalId + " already has a payment in progress"
                            + (paymentInProgress == null ? "" : " (" + paymentInProgress + ")")
                            + "; wait for its outcome or cancel it. Nothing was stored.");
            this.terminalId = terminalId;
            this.paymentInProgress = paymentInProgress;
        }

        @Override
        public Map<String, Object> properties() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("terminalId", terminalId);
            if (paymentInProgress != null) {
                p.put("paymentInProgress", paymentInProgress);
            }
            return p;
        }
    }

    static final class NotFound extends ClientProblem {
        NotFound(String what) {
            super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", "No " + what + " with this id");
        }
    }

    static final class Conflict extends ClientProblem {
        private final PaymentState state;

        Conflict(URI type, String title, String detail, PaymentState state) {
            super(HttpStatus.CONFLICT, type, title, detail);
            this.state = state;
        }

        @Override
        public Map<String, Object> properties() {
            return state == null ? Map.of() : Map.of("state", state.name());
        }
    }

    static final class RefundTooLarge extends ClientProblem {
        private final long refundableMinor;

        RefundTooLarge(long refundableMinor) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, REFUND_TOO_LARGE, "Refund exceeds what is left",
                    "At most " + refundableMinor + " (minor units) is left to refund on this payment; nothing was stored.");
            this.refundableMinor = refundableMinor;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("refundableMinor", refundableMinor);
        }
    }

    /** 400 with the same shape as bean validation errors. */
    static final class Invalid extends ClientProblem {
        private final String field;
        private final String message;

        Invalid(String field, String message) {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", "The request body has invalid fields");
            this.field = field;
            this.message = message;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("errors", List.of(Map.of("field", field, "message", message)));
        }
    }
}
