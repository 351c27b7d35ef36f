package org.passerelle.payment;

/** One sentence for the cashier, in French, per state. */
final class CashierMessages {

    private static final String CALL_SUPPORT =
            "Vérification manuelle nécessaire : ne recommencez pas, signalez ce paiement au support.";

    private CashierMessages() {
    }

    static String of(PaymentState state, boolean needsHuman) {
        if (needsHuman && state == PaymentState.UNKNOWN) {
            return CALL_SUPPORT;
        }
        return switch (state) {
            case RECEIVED, IN_PROGRESS -> "Paiement en cours sur le terminal.";
            case APPROVED -> "Paiement accepté.";
            case DECLINED -> "Paiement refusé : proposez un autre moyen de paiement.";
            case CANCELLED -> "Paiement annulé : rien n'a été débité.";
            case FAILED -> "Paiement non effectué : rien n'a été débité, vous pouvez recommencer.";
            case UNKNOWN -> "Résultat en cours de vérification auprès du terminal : ne recommencez pas le paiement.";
            case PARTIALLY_REFUNDED -> "Paiement partiellement remboursé.";
            case REFUNDED, REVERSED -> "Paiement intégralement remboursé.";
        };
    }

    static String of(RefundState state, boolean needsHuman) {
        if (needsHuman && state == RefundState.UNKNOWN) {
            return CALL_SUPPORT;
        }
        return switch (state) {
            case IN_PROGRESS -> "Remboursement en cours.";
            case SUCCEEDED -> "Remboursement effectué sur la carte.";
            case FAILED -> "Remboursement non effectué : rien n'a été recrédité.";
            case UNKNOWN -> "Résultat du remboursement en cours de vérification : ne recommencez pas.";
        };
    }
}
