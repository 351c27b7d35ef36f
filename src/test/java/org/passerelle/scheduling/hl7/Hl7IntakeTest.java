package org.passerelle.scheduling.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.passerelle.scheduling.hl7.SiuMessages.siu;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.passerelle.scheduling.AppointmentId;
import org.passerelle.scheduling.AppointmentNotFoundException;
import org.passerelle.scheduling.AppointmentStatus;
import org.passerelle.scheduling.AppointmentView;
import org.passerelle.scheduling.AppointmentViews;
import org.passerelle.scheduling.PhonePolicy;
import org.passerelle.scheduling.ReminderStatus;
import org.passerelle.scheduling.hl7.SiuMessages.Ack;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.MllpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** HL7 SIU over MLLP end to end: a raw socket peer, the real route, the real store and API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class Hl7IntakeTest {

    private static final int MLLP_PORT = freePort();
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String MOBILE = "0612345678";
    private static final String OTHER_MOBILE = "0698765432";

    @DynamicPropertySource
    static void mllpPort(DynamicPropertyRegistry registry) {
        registry.add("passerelle.hl7.port", () -> MLLP_PORT);
    }

    @LocalServerPort
    int httpPort;
    @Autowired
    AppointmentViews views;
    @Autowired
    CamelContext camel;

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Local time in Paris, {@code days} from today: far enough for a reminder 48 h before. */
    private static ZonedDateTime inDays(int days, int hour) {
        return LocalDate.now(PARIS).plusDays(days).atTime(LocalTime.of(hour, 0)).atZone(PARIS);
    }

    private static Ack send(String message) {
        try (MllpClient client = new MllpClient(MLLP_PORT)) {
            return Ack.parse(client.send(message));
        }
    }

    private static Ack book(String event, String controlId, String appointmentId, ZonedDateTime start) {
        return send(siu(event, controlId, appointmentId, start, MOBILE, "PONTCHAILLOU").build());
    }

    @Test
    void theMllpSchemeIsServedByTheCorrectedComponentWithoutPatientDataInItsLogs() {
        assertThat(camel.getComponent("mllp")).isInstanceOfSatisfying(
                org.passerelle.scheduling.hl7.mllp.PipelinedMllpComponent.class,
                mllp -> assertThat(mllp.getLogPhi()).isFalse());
        assertThat(camel.getRoute("hl7-intake").getEndpoint().getEndpointUri()).startsWith("mllp://0.0.0.0:" + MLLP_PORT);
    }

    @Test
    void s12CreatesTheAppointmentAndItsReminderThenAnswersAa() {
        String id = newId("RDV");
        String control = newId("C");
        ZonedDateTime start = inDays(5, 10);

        Ack ack = book("S12", control, id, start);

        assertThat(ack.code()).isEqualTo("AA");
        assertThat(ack.field("MSA", 2)).isEqualTo(control);
        assertThat(ack.hasErr()).isFalse();
        assertThat(ack.field("MSH", 3)).isEqualTo("PASSERELLE");
        assertThat(ack.field("MSH", 4)).isEqualTo("CHU-RENNES-SMS");
        assertThat(ack.field("MSH", 5)).isEqualTo("DXCARE");
        assertThat(ack.field("MSH", 6)).isEqualTo("CHU-RENNES");
        assertThat(ack.field("MSH", 9)).isEqualTo("ACK^S12^ACK");
        assertThat(ack.field("MSH", 10)).isNotBlank().isNotEqualTo(control);
        assertThat(ack.field("MSH", 12)).isEqualTo("2.5");

        ApiResponse api = Api.onPort(httpPort).as(SCHEDULER).get("/api/appointments/" + id);
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.body()).contains("\"siteCode\":\"PONTCHAILLOU\"").contains("\"status\":\"BOOKED\"")
                .doesNotContain(MOBILE).doesNotContain("612345678");

        AppointmentView view = views.of(id);
        assertThat(view.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(view.start().toInstant()).isEqualTo(start.toInstant());
        assertThat(view.timeZone()).isEqualTo("Europe/Paris");
        assertThat(view.smsReminders()).isTrue();
        assertThat(view.phone().status()).isEqualTo(PhonePolicy.PhoneStatus.OK);
        assertThat(view.phone().masked()).startsWith("+33").endsWith("78");
        assertThat(view.reminders()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ReminderStatus.PENDING);
            assertThat(r.dueAt()).isEqualTo(start.toInstant().minus(Duration.ofHours(48)));
        });
    }

    @Test
    void filler_id_is_used_without_a_placer_id_and_the_cell_phone_wins_over_the_first_number() {
        String control = newId("C");
        String filler = newId("FILLER");
        SiuMessages m = siu("S12", control, "x", inDays(6, 11), null, "SUD")
                .set("SCH", 1, "").set("SCH", 2, filler + "^DXCARE")
                .set("PID", 13, "^PRN^PH^^^^^^^^^0299001122~^ORN^CP^^33^6^98765432");

        assertThat(send(m.build()).code()).isEqualTo("AA");

        AppointmentView view = views.of(filler);
        assertThat(view.siteCode()).isEqualTo("SUD");
        assertThat(view.phone().masked()).startsWith("+33").endsWith("32");
        assertThat(view.phone().status()).isEqualTo(PhonePolicy.PhoneStatus.OK);
    }

    @Test
    void s13RescheduleMovesThePendingReminder() {
        String id = newId("RDV");
        ZonedDateTime first = inDays(5, 10);
        ZonedDateTime moved = inDays(8, 15);
        assertThat(book("S12", newId("C"), id, first).code()).isEqualTo("AA");
        var before = views.of(id).reminders().get(0);

        Ack ack = book("S13", newId("C"), id, moved);

        assertThat(ack.code()).isEqualTo("AA");
        assertThat(ack.field("MSH", 9)).isEqualTo("ACK^S13^ACK");
        AppointmentView view = views.of(id);
        assertThat(view.start().toInstant()).isEqualTo(moved.toInstant());
        assertThat(view.reminders()).singleElement().satisfies(r -> {
            assertThat(r.seq()).isEqualTo(before.seq());
            assertThat(r.status()).isEqualTo(ReminderStatus.PENDING);
            assertThat(r.dueAt()).isNotEqualTo(before.dueAt())
                    .isEqualTo(moved.toInstant().minus(Duration.ofHours(48)));
        });
    }

    @Test
    void s15CancelsTheAppointmentAndItsReminder() {
        String id = newId("RDV");
        assertThat(book("S12", newId("C"), id, inDays(5, 10)).code()).isEqualTo("AA");

        Ack ack = send(siu("S15", newId("C"), id, null, null, null).build());

        assertThat(ack.code()).isEqualTo("AA");
        AppointmentView view = views.of(id);
        assertThat(view.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(view.reminders()).allSatisfy(r -> assertThat(r.status()).isEqualTo(ReminderStatus.CANCELLED));
    }

    @Test
    void s17DeletionCancelsToo() {
        String id = newId("RDV");
        assertThat(book("S12", newId("C"), id, inDays(5, 10)).code()).isEqualTo("AA");

        assertThat(send(siu("S17", newId("C"), id, null, null, null).build()).code()).isEqualTo("AA");

        assertThat(views.of(id).status()).isEqualTo(AppointmentStatus.CANCELLED);
    }

    @Test
    void s26MarksANoShow() {
        String id = newId("RDV");
        assertThat(book("S12", newId("C"), id, inDays(5, 10)).code()).isEqualTo("AA");

        Ack ack = send(siu("S26", newId("C"), id, null, null, null).build());

        assertThat(ack.code()).isEqualTo("AA");
        AppointmentView view = views.of(id);
        assertThat(view.status()).isEqualTo(AppointmentStatus.NO_SHOW);
        assertThat(view.reminders()).allSatisfy(r -> assertThat(r.status()).isEqualTo(ReminderStatus.CANCELLED));
    }

    @Test
    void cancelOfAnUnknownAppointmentIsAcceptedWithNothingToDo() {
        Ack ack = send(siu("S15", newId("C"), newId("NEVER-BOOKED"), null, null, null).build());

        assertThat(ack.code()).isEqualTo("AA");
        assertThat(ack.field("MSA", 3)).contains("unknown appointment");
        assertThat(ack.hasErr()).isFalse();
    }

    @Test
    void aResentControlIdGetsTheSameAaAndIsNotAppliedTwice() {
        String id = newId("RDV");
        String control = newId("C");
        Ack first = book("S12", control, id, inDays(5, 10));
        String maskedBefore = views.of(id).phone().masked();

        // same MSH-4 + MSH-10, other content: a resend must not be applied again
        Ack again = send(siu("S12", control, id, inDays(9, 16), OTHER_MOBILE, "SUD").build());

        assertThat(again.code()).isEqualTo("AA").isEqualTo(first.code());
        assertThat(again.field("MSA", 2)).isEqualTo(control);
        assertThat(again.field("MSA", 3)).isEqualTo(first.field("MSA", 3));
        AppointmentView view = views.of(id);
        assertThat(view.phone().masked()).isEqualTo(maskedBefore).endsWith("78");
        assertThat(view.siteCode()).isEqualTo("PONTCHAILLOU");
        assertThat(view.start().toInstant()).isEqualTo(inDays(5, 10).toInstant());

        // the same control id from another facility is another message
        Ack otherFacility = send(siu("S12", control, id, inDays(5, 10), OTHER_MOBILE, "PONTCHAILLOU")
                .set("MSH", 4, "CH-SAINT-MALO").build());
        assertThat(otherFacility.code()).isEqualTo("AA");
        assertThat(views.of(id).phone().masked()).endsWith("32");
    }

    @Test
    void missingAppointmentIdIsAnAeWithErr() {
        String control = newId("C");
        Ack ack = send(siu("S12", control, null, inDays(5, 10), MOBILE, "PONTCHAILLOU").build());

        assertThat(ack.code()).isEqualTo("AE");
        assertThat(ack.field("MSA", 2)).isEqualTo(control);
        assertThat(ack.field("MSA", 3)).contains("SCH-1").contains("SCH-2");
        assertThat(ack.hasErr()).isTrue();
        assertThat(ack.field("ERR", 2)).isEqualTo("SCH^1^1");
        assertThat(ack.field("ERR", 3)).startsWith("101^");
        assertThat(ack.field("ERR", 4)).isEqualTo("E");
        assertThat(ack.field("ERR", 8)).isEqualTo(ack.field("MSA", 3));
    }

    @Test
    void missingOrUnreadableStartIsAnAe() {
        String id = newId("RDV");
        Ack missing = send(siu("S12", newId("C"), id, null, MOBILE, "PONTCHAILLOU").build());
        assertThat(missing.code()).isEqualTo("AE");
        assertThat(missing.field("ERR", 3)).startsWith("101^");
        assertThat(missing.field("ERR", 2)).isEqualTo("SCH^1^11");
        assertThat(missing.field("MSA", 3)).contains("SCH-11.4");

        Ack unreadable = send(siu("S12", newId("C"), id, inDays(5, 10), MOBILE, "PONTCHAILLOU")
                .set("SCH", 11, "^^^2026-13-45").build());
        assertThat(unreadable.code()).isEqualTo("AE");
        assertThat(unreadable.field("ERR", 3)).startsWith("102^");

        assertThatThrownBy(() -> views.of(id)).isInstanceOf(AppointmentNotFoundException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../../etc/passwd", "RDV-\u00e9t\u00e9", "..", "RDV 1", "X-65-CHARACTERS-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "10000"})
    void anIdThatRestWouldRefuseIsAContentErrorNeverAResendLater(String given) {
        String id = given.equals("10000") ? "R".repeat(10_000) : given;
        for (String event : new String[] {"S12", "S15"}) {
            String control = newId("C");
            Ack ack = send(siu(event, control, id, inDays(5, 10), MOBILE, "PONTCHAILLOU").build());

            assertThat(ack.code()).as(event).isEqualTo("AE");
            assertThat(ack.field("MSA", 2)).isEqualTo(control);
            assertThat(ack.field("MSA", 3)).as("names the field and the rule, never the id")
                    .contains("SCH-1.1", AppointmentId.RULE).doesNotContain(id.length() > 4 ? id.substring(0, Math.min(20, id.length())) : "~");
            assertThat(ack.field("ERR", 2)).isEqualTo("SCH^1^1");
            assertThat(ack.field("ERR", 3)).startsWith("102^");
            assertThat(ack.field("ERR", 8)).isEqualTo(ack.field("MSA", 3));
        }
        assertThatThrownBy(() -> views.of(id)).isInstanceOf(AppointmentNotFoundException.class);
    }

    @Test
    void theFillerIdIsHeldToTheSameRule() {
        Ack ack = send(siu("S12", newId("C"), "X", inDays(5, 10), MOBILE, "PONTCHAILLOU")
                .set("SCH", 1, "").set("SCH", 2, "F/../1^DXCARE").build());
        assertThat(ack.code()).isEqualTo("AE");
        assertThat(ack.field("ERR", 2)).isEqualTo("SCH^1^2");
        assertThat(ack.field("MSA", 3)).contains("SCH-2.1");
    }

    @Test
    void unknownSiteIsAnAeAndNothingIsStored() {
        String id = newId("RDV");
        Ack ack = send(siu("S12", newId("C"), id, inDays(5, 10), MOBILE, "NOWHERE").build());

        assertThat(ack.code()).isEqualTo("AE");
        assertThat(ack.field("ERR", 3)).startsWith("103^");
        assertThat(ack.field("ERR", 2)).isEqualTo("AIL^1^3");
        assertThat(ack.field("MSA", 3)).contains("site");
        assertThatThrownBy(() -> views.of(id)).isInstanceOf(AppointmentNotFoundException.class);
    }

    @Test
    void anAeIsNotRecordedSoTheFixedMessageIsAcceptedUnderTheSameControlId() {
        String id = newId("RDV");
        String control = newId("C");
        assertThat(send(siu("S12", control, id, inDays(5, 10), MOBILE, "NOWHERE").build()).code()).isEqualTo("AE");

        assertThat(book("S12", control, id, inDays(5, 10)).code()).isEqualTo("AA");
        assertThat(views.of(id).siteCode()).isEqualTo("PONTCHAILLOU");
    }

    @Test
    void unsupportedEventOrMessageTypeIsAnAr() {
        Ack s99 = send(siu("S99", newId("C"), newId("RDV"), inDays(5, 10), MOBILE, "PONTCHAILLOU").build());
        assertThat(s99.code()).isEqualTo("AR");
        assertThat(s99.field("ERR", 3)).startsWith("201^");
        assertThat(s99.field("MSH", 9)).isEqualTo("ACK^S99^ACK");

        Ack adt = send(siu("S12", newId("C"), newId("RDV"), inDays(5, 10), MOBILE, "PONTCHAILLOU")
                .set("MSH", 9, "ADT^A01^ADT_A01").build());
        assertThat(adt.code()).isEqualTo("AR");
        assertThat(adt.field("ERR", 3)).startsWith("200^");
        assertThat(adt.field("MSA", 3)).contains("ADT");
    }

    @Test
    void garbageGetsAnArAndTheConnectionStaysUsable() {
        try (MllpClient client = new MllpClient(MLLP_PORT)) {
            Ack noMsh = Ack.parse(client.send("this is not HL7 at all \u0001\u0002\u00ff"));
            assertThat(noMsh.code()).isEqualTo("AR");
            assertThat(noMsh.hasErr()).isTrue();
            assertThat(noMsh.field("MSA", 2)).isEmpty();

            Ack brokenBody = Ack.parse(client.send("MSH|^~\\&|DXCARE|CHU-RENNES|PASSERELLE|X|20260101||SIU^S12|"
                    + "BROKEN-1|P|2.5\rSCH|\u0000\u0001garbage\rZZZ\r\r\r|||"));
            assertThat(brokenBody.code()).isIn("AR", "AE");
            assertThat(brokenBody.field("MSA", 2)).isEqualTo("BROKEN-1");

            Ack tiny = Ack.parse(client.send("x"));
            assertThat(tiny.code()).isEqualTo("AR");

            Ack empty = Ack.parse(client.send(""));
            assertThat(empty.code()).isEqualTo("AR");

            // a blank line before the MSH (camel-mllp's own header extraction, now off, failed on it without an ACK)
            String leadingBlankId = newId("RDV");
            Ack leadingBlank = Ack.parse(client.send("\r\n" + siu("S12", newId("C"), leadingBlankId, inDays(5, 10), MOBILE,
                    "PONTCHAILLOU").build()));
            assertThat(leadingBlank.code()).isEqualTo("AA");

            client.write("junk between frames\r\n".getBytes(MllpClient.CHARSET));
            String id = newId("RDV");
            Ack after = Ack.parse(client.send(siu("S12", newId("C"), id, inDays(5, 10), MOBILE, "PONTCHAILLOU").build()));
            assertThat(after.code()).isEqualTo("AA");
            assertThat(views.of(id).status()).isEqualTo(AppointmentStatus.BOOKED);
        }
    }

    @Test
    void whileSchedulingIsSuspendedMessagesAreRejectedAndNothingIsStored() {
        Api api = Api.onPort(httpPort);
        String id = newId("RDV");
        String control = newId("C");
        String message = siu("S12", control, id, inDays(5, 10), MOBILE, "PONTCHAILLOU").build();
        assertThat(api.as(OPS).post("/api/channels/scheduling/suspend", "{\"reason\":\"HL7 test\"}").status()).isEqualTo(200);
        try {
            Ack ack = send(message);

            assertThat(ack.code()).isEqualTo("AR");
            assertThat(ack.field("MSA", 3)).isEqualTo("scheduling intake suspended, resend later");
            assertThat(ack.field("ERR", 3)).startsWith("207^");
            assertThatThrownBy(() -> views.of(id)).isInstanceOf(AppointmentNotFoundException.class);
        } finally {
            assertThat(api.as(OPS).post("/api/channels/scheduling/resume", "{\"reason\":\"HL7 test over\"}").status())
                    .isEqualTo(200);
        }

        Ack resent = send(message);
        assertThat(resent.code()).isEqualTo("AA");
        assertThat(views.of(id).status()).isEqualTo(AppointmentStatus.BOOKED);
    }

    @Test
    void aResendOfAnAcceptedMessageGetsItsFirstAaEvenWhileSchedulingIsSuspended() {
        Api api = Api.onPort(httpPort);
        String id = newId("RDV");
        String control = newId("C");
        Ack first = book("S12", control, id, inDays(5, 10));
        assertThat(first.code()).isEqualTo("AA");
        assertThat(api.as(OPS).post("/api/channels/scheduling/suspend", "{\"reason\":\"HL7 test\"}").status()).isEqualTo(200);
        try {
            // the sender lost our first AA and resends: it was applied, it must not be told to resend later
            Ack again = book("S12", control, id, inDays(5, 10));

            assertThat(again.code()).isEqualTo("AA");
            assertThat(again.field("MSA", 3)).isEqualTo(first.field("MSA", 3));
        } finally {
            assertThat(api.as(OPS).post("/api/channels/scheduling/resume", "{\"reason\":\"HL7 test over\"}").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void twoFramesInOneWriteGetTwoAcks() {
        String firstId = newId("RDV");
        String secondId = newId("RDV");
        String c1 = newId("C");
        String c2 = newId("C");
        byte[] one = MllpClient.frame(siu("S12", c1, firstId, inDays(5, 10), MOBILE, "PONTCHAILLOU").build());
        byte[] two = MllpClient.frame(siu("S12", c2, secondId, inDays(6, 14), OTHER_MOBILE, "SUD").build());
        byte[] both = new byte[one.length + two.length];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(two, 0, both, one.length, two.length);

        try (MllpClient client = new MllpClient(MLLP_PORT)) {
            client.write(both); // one write: both frames reach the server in one TCP read

            Ack first = Ack.parse(client.readAck());
            Ack second = Ack.parse(client.readAck());

            assertThat(first.code()).isEqualTo("AA");
            assertThat(first.field("MSA", 2)).isEqualTo(c1);
            assertThat(second.code()).isEqualTo("AA");
            assertThat(second.field("MSA", 2)).isEqualTo(c2);
        }
        assertThat(views.of(firstId).siteCode()).isEqualTo("PONTCHAILLOU");
        assertThat(views.of(secondId).siteCode()).isEqualTo("SUD");
    }

    @Test
    void patientDataNeverReachesTheLog(CapturedOutput output) {
        String control = newId("LOGCHECK");
        book("S12", control, newId("RDV"), inDays(5, 10));
        send(siu("S12", newId("LOGCHECK"), newId("RDV"), inDays(5, 10), OTHER_MOBILE, "NOWHERE").build());
        send(siu("S12", newId("LOGCHECK"), null, inDays(5, 10), MOBILE, "PONTCHAILLOU").build());
        try (MllpClient client = new MllpClient(MLLP_PORT)) {
            // a message cut short, then junk: the kind of input libraries like to log in full
            client.write(MllpClient.frame(siu("S12", newId("LOGCHECK"), newId("RDV"), inDays(5, 10), MOBILE,
                    "PONTCHAILLOU").build()));
            client.readAck();
            client.write(("junk " + SiuMessages.PATIENT_FAMILY_NAME + " " + MOBILE + "\r\n").getBytes(MllpClient.CHARSET));
            client.write(MllpClient.frame("garbage " + SiuMessages.PATIENT_FAMILY_NAME + " " + MOBILE));
            client.readAck();
        }
        try (MllpClient client = new MllpClient(MLLP_PORT)) {
            // a message that never ends: camel-mllp gives up after its read timeout and closes the connection
            String cut = siu("S12", newId("LOGCHECK"), newId("RDV"), inDays(5, 10), MOBILE, "PONTCHAILLOU").build();
            client.write(("\u000b" + cut).getBytes(MllpClient.CHARSET));
            assertThat(client.awaitClosedByPeer(Duration.ofSeconds(30))).isTrue();
        }

        assertThat(output.getAll()).contains(control)
                .doesNotContain(MOBILE).doesNotContain("612345678").doesNotContain("698765432")
                .doesNotContain(OTHER_MOBILE)
                .doesNotContain(SiuMessages.PATIENT_FAMILY_NAME).doesNotContain(SiuMessages.PATIENT_GIVEN_NAME);
    }

    @Test
    void anAppointmentIdOutsideTheRestRuleIsAnAeNeverAnAr207() {
        for (String id : List.of("X".repeat(10_000), "../../etc/passwd", "rdv-\u00e9t\u00e9")) {
            try (MllpClient c = new MllpClient(MLLP_PORT)) {
                Ack ack = Ack.parse(c.send(siu("S12", newId("C"), id, inDays(5, 10), MOBILE, "PONTCHAILLOU").build()));
                assertThat(ack.code()).isEqualTo("AE");
                assertThat(ack.field("ERR", 3)).startsWith("102^");
                assertThat(ack.field("ERR", 2)).isEqualTo("SCH^1^1");
                assertThat(ack.field("MSA", 3)).contains("1-64 letters");
            }
        }
    }
}
