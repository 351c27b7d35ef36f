package org.passerelle.scheduling.hl7;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.hl7.*}: HL7 v2 SIU intake over MLLP.
 *
 * @param port TCP port of the MLLP listener (routes/hl7-intake.yaml); 0 takes any free port (tests that do
 *        not talk HL7)
 * @param startField where an appointment's start is read
 */
@Validated
@ConfigurationProperties(prefix = "passerelle.hl7", ignoreUnknownFields = false)
record Hl7Properties(
        @Min(value = 0, message = "passerelle.hl7.port must be between 0 and 65535")
        @Max(value = 65535, message = "passerelle.hl7.port must be between 0 and 65535")
        @DefaultValue("2575") int port,
        @NotNull(message = "passerelle.hl7.start-field is required: SCH_11_4, AIS_4, AIL_6 or AIP_6")
        @DefaultValue("SCH_11_4") StartField startField) {

    /** Where an appointment's start is read. Senders differ; pick the one the scheduling system fills. */
    public enum StartField {
        /** SCH-11.4, start of the appointment timing quantity (v2.3–v2.5 style). */
        SCH_11_4,
        /** AIS-4, start of the first service resource. */
        AIS_4,
        /** AIL-6, start of the first location resource. */
        AIL_6,
        /** AIP-6, start of the first personnel resource. */
        AIP_6
    }
}
