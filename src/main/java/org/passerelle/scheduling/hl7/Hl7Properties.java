package org.passerelle.scheduling.hl7;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code passerelle.hl7.*}: HL7 v2 SIU intake over MLLP. */
@Validated
@ConfigurationProperties("passerelle.hl7")
public class Hl7Properties {

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

    /** TCP port of the MLLP listener; 0 takes any free port (tests that do not talk HL7). */
    @Min(0) @Max(65535)
    private int port = 2575;

    @NotNull
    private StartField startField = StartField.SCH_11_4;

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public StartField getStartField() {
        return startField;
    }

    public void setStartField(StartField startField) {
        this.startField = startField;
    }
}
