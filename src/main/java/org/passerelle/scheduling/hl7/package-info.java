/**
 * HL7 v2 SIU intake, the step of the {@code hl7-intake} route ({@link org.passerelle.scheduling.hl7.SiuIntake},
 * bean {@code hl7SiuIntake}): reads the MSH by hand, parses with HAPI into SIU_S12, deduplicates on MSH-4 + MSH-10,
 * applies S12/S13/S14/S15/S17/S26 through {@code AppointmentIntake} and builds the original-mode ACK (AA only once
 * committed, AE or AR with ERR). Offers no types to other packages: the route calls it by bean name. Depends on
 * {@code scheduling} and {@code privacy} ({@code Digests}).
 */
package org.passerelle.scheduling.hl7;
