package org.passerelle.scheduling.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.passerelle.scheduling.ReminderProperties;
import org.passerelle.testsupport.BoundProperties;

/** Mapping of SIU fields, without Spring: start fields, time zones, phone choice, lenient parsing. */
class SiuReaderTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 12, 10, 14, 30, 0, 0, PARIS);

    private static SiuReader reader(Hl7Properties.StartField field) {
        Hl7Properties properties = BoundProperties.bind(Hl7Properties.class, Map.of("start-field", field.name()));
        return new SiuReader(properties, BoundProperties.defaults(ReminderProperties.class));
    }

    private static SiuMessages message() {
        return SiuMessages.siu("S12", "C1", "RDV-1", START, "0612345678", "PONTCHAILLOU");
    }

    @Test
    void readsIdSiteStartAndCellPhone() {
        SiuAppointment a = reader(Hl7Properties.StartField.SCH_11_4).read(message().build(), SiuEvent.S12);

        assertThat(a.appointmentId()).isEqualTo("RDV-1");
        assertThat(a.siteCode()).isEqualTo("PONTCHAILLOU");
        assertThat(a.start()).isEqualTo(START);
        assertThat(a.start().getZone()).isEqualTo(PARIS);
        assertThat(a.phone()).isEqualTo("0612345678");
    }

    @Test
    void theConfiguredStartFieldIsTheOneRead() {
        SiuMessages m = message()
                .set("SCH", 11, "^^^202612101430")
                .set("AIS", 4, "202612101500")
                .set("AIL", 6, "202612101530")
                .set("AIP", 1, "1").set("AIP", 3, "DOC1^HOUSE^GREGORY").set("AIP", 6, "202612101600");

        assertThat(reader(Hl7Properties.StartField.SCH_11_4).read(m.build(), SiuEvent.S12).start().toLocalTime())
                .hasToString("14:30");
        assertThat(reader(Hl7Properties.StartField.AIS_4).read(m.build(), SiuEvent.S12).start().toLocalTime())
                .hasToString("15:00");
        assertThat(reader(Hl7Properties.StartField.AIL_6).read(m.build(), SiuEvent.S12).start().toLocalTime())
                .hasToString("15:30");
        assertThat(reader(Hl7Properties.StartField.AIP_6).read(m.build(), SiuEvent.S12).start().toLocalTime())
                .hasToString("16:00");
    }

    @Test
    void aMissingConfiguredStartIsAnAeNamingTheField() {
        SiuMessages m = message().set("AIS", 4, "");

        assertThatThrownBy(() -> reader(Hl7Properties.StartField.AIS_4).read(m.build(), SiuEvent.S12))
                .isInstanceOfSatisfying(Hl7Rejection.class, r -> {
                    assertThat(r.ackCode()).isEqualTo(AckCode.AE);
                    assertThat(r.errorCode()).isEqualTo(Hl7ErrorCode.REQUIRED_FIELD_MISSING);
                    assertThat(r.location()).isEqualTo(Hl7Rejection.ErrorLocation.of("AIS", 4));
                    assertThat(r.getMessage()).contains("AIS-4");
                });
    }

    @Test
    void timestampsWithoutOffsetAreLocalTimesAndOffsetsAreHonoured() {
        assertThat(SiuReader.parseTimestamp("202612101430", PARIS)).contains(START);
        assertThat(SiuReader.parseTimestamp("20261210143000", PARIS)).contains(START);
        assertThat(SiuReader.parseTimestamp("20261210143000.25", PARIS)).contains(START.plusNanos(250_000_000));
        assertThat(SiuReader.parseTimestamp("202612101330+0000", PARIS)).contains(START);
        assertThat(SiuReader.parseTimestamp("20261210093000-0400", PARIS)).contains(START);
        // summer time: 10:00 local is 08:00 UTC
        assertThat(SiuReader.parseTimestamp("202607011000", PARIS).orElseThrow().toInstant())
                .hasToString("2026-07-01T08:00:00Z");
        assertThat(SiuReader.parseTimestamp("20261210", PARIS)).as("a day is not a start").isEmpty();
        assertThat(SiuReader.parseTimestamp("202613101430", PARIS)).isEmpty();
        assertThat(SiuReader.parseTimestamp("2026-12-10T14:30", PARIS)).isEmpty();
    }

    @Test
    void phoneIsTheCellPhoneElseTheFirstNumberFromWhicheverComponentsAreFilled() {
        SiuReader reader = reader(Hl7Properties.StartField.SCH_11_4);
        assertThat(reader.read(message().set("PID", 13, "^PRN^PH^^^^^^^^^0299001122~^ORN^CP^^33^6^12345678")
                .build(), SiuEvent.S12).phone()).isEqualTo("+33612345678");
        assertThat(reader.read(message().set("PID", 13, "(02)99 00 11 22^PRN^PH").build(), SiuEvent.S12).phone())
                .isEqualTo("(02)99 00 11 22");
        assertThat(reader.read(message().set("PID", 13, "^PRN^PH^^^06^12345678").build(), SiuEvent.S12).phone())
                .isEqualTo("0612345678");
        assertThat(reader.read(message().set("PID", 13, "^NET^Internet^patient@example.org~^PRN^CP^^^^^^^^^0712345678")
                .build(), SiuEvent.S12).phone()).isEqualTo("0712345678");
        assertThat(reader.read(message().set("PID", 13, "").build(), SiuEvent.S12).phone()).isNull();
    }

    @Test
    void sendersThatSkipRgsOrDeclareOtherVersionsAreRead() {
        SiuReader reader = reader(Hl7Properties.StartField.AIL_6);
        SiuAppointment noRgs = reader.read(message().remove("RGS").build(), SiuEvent.S14);
        assertThat(noRgs.siteCode()).isEqualTo("PONTCHAILLOU");
        assertThat(noRgs.start()).isEqualTo(START);

        SiuAppointment v231 = reader.read(message().set("MSH", 12, "2.3.1").set("MSH", 9, "SIU^S12").build(), SiuEvent.S12);
        assertThat(v231.appointmentId()).isEqualTo("RDV-1");
        assertThat(v231.siteCode()).isEqualTo("PONTCHAILLOU");

        String withLineFeeds = SiuIntake.normalize("\n" + message().build().replace('\r', '\n'));
        assertThat(reader.read(withLineFeeds, SiuEvent.S12).siteCode()).isEqualTo("PONTCHAILLOU");
    }

    @Test
    void cancellationsNeedOnlyTheAppointmentId() {
        SiuAppointment a = reader(Hl7Properties.StartField.SCH_11_4)
                .read(SiuMessages.siu("S15", "C2", "RDV-9", null, null, null).remove("AIL").remove("AIS").build(), SiuEvent.S15);

        assertThat(a.appointmentId()).isEqualTo("RDV-9");
        assertThat(a.start()).isNull();
    }
}
