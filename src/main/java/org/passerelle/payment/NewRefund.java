package org.passerelle.payment;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Positive;

/** Body of POST /api/payments/{id}/refunds; an absent amount refunds everything that is left. */
record NewRefund(
        @Schema(description = "Amount to give back in minor units; absent = all that is left", example = "1000")
        @Positive @JsonDeserialize(using = MinorUnitsDeserializer.class)
        Long amountMinor) {
}
