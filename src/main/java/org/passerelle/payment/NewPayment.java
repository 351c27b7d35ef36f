package org.passerelle.payment;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.passerelle.privacy.NoCardNumber;

/** Body of POST /api/payments. */
record NewPayment(
        @Schema(description = "The terminal (nexo POIID)", example = "V400m-324688179")
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,40}", message = "1-40 letters, digits or . _ -")
        String terminalId,

        @Schema(description = "Amount in minor units (cents for EUR), an integer", example = "4250")
        @NotNull @Positive @JsonDeserialize(using = MinorUnitsDeserializer.class)
        Long amountMinor,

        @Schema(description = "ISO 4217 code; the first configured currency (EUR) when absent", example = "EUR")
        @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code in capitals, e.g. EUR")
        String currency,

        @Schema(description = "The hospital's invoice or patient account number; stays in the hospital", example = "FAC-2026-004211")
        @NotNull @Pattern(regexp = "[A-Za-z0-9 ._/#:-]{1,64}", message = "1-64 letters, digits, spaces or . _ / # : -")
        @NoCardNumber
        String reference,

        @Schema(description = "Optional label of the cashier desk", example = "Caisse 2")
        @Pattern(regexp = "[\\p{L}\\p{N} ._'-]{1,64}", message = "1-64 letters, digits, spaces or . _ ' -")
        @NoCardNumber
        String cashierLabel) {

    /** Never print the reference or the label: they identify a patient's account and a person. */
    @Override
    public String toString() {
        return "NewPayment[terminal " + terminalId + ", " + amountMinor + " " + currency + "]";
    }
}
