package org.passerelle.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.sms.ReminderRetrySchedule.assertJitteredDelay;
import static org.passerelle.testsupport.AppointmentBody.appointment;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.sms.ReminderRetrySchedule.Retry;
import org.passerelle.sms.text.GsmAlphabet;
import org.passerelle.sms.text.ReminderTemplate;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.smsc.ReceivedSubmit;
import org.passerelle.testsupport.smsc.TestSmsc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SMS reminders end to end against an independent SMSC (Cloudhopper, not the jSMPP inside camel-smpp):
 * REST in, SMPP out with our encoding, receipts back, STOP, permanent and transient errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "passerelle.reminders.send-from=00:00", "passerelle.reminders.send-until=23:59:59",
        "passerelle.sms.poll-interval=100ms", "passerelle.sms.housekeeping-interval=300ms",
        "passerelle.sms.retry-initial-delay=200ms", "passerelle.sms.sender-id=CHURENNES",
        "passerelle.sms.segments-per-second=1000",
        "passerelle.sites.LONG.label=Centre de consultations", "passerelle.sites.LONG.address=Bâtiment Est, 3e étage",
        "passerelle.sites.LONG.callback-phone=02 99 00 00 00",
        "passerelle.sites.LONG.template=Bonjour, nous vous rappelons votre rendez-vous du {date} à {heure} au {site} ({adresse}). "
                + "Merci d'arriver 15 minutes en avance avec votre carte Vitale. En cas d'empêchement, prévenez-nous au {rappel}. Réf {reference}",
})
@ActiveProfiles("test")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class SmsReminderEndToEndTest {

    /** passerelle.sms.retry-initial-delay below. */
    private static final Duration RETRY_INITIAL_DELAY = Duration.ofMillis(200);
    /** Between computing the next attempt and writing the row; between the SMSC's clock and Passerelle's. */
    private static final Duration SCHEDULING_SLACK = Duration.ofMillis(50);

    static final TestSmsc SMSC = TestSmsc.started();
    private static final AtomicInteger NUMBERS = new AtomicInteger(1000);

    @DynamicPropertySource
    static void smsc(DynamicPropertyRegistry registry) {
        SMSC.register(registry);
        registry.add("passerelle.sms.smsc.reconnect-delay", () -> "200ms");
    }

    @AfterAll
    static void stopSmsc() {
        SMSC.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private Api api;

    @BeforeEach
    void setUp() {
        api = Api.onPort(port);
        SMSC.resetResponses();
        SMSC.autoReceipts(true);
    }

    static String nextMobile() {
        return "06 12 34 " + String.format("%02d %02d", NUMBERS.get() / 100 % 100, NUMBERS.getAndIncrement() % 100);
    }

    static String smscAddress(String national) {
        return "33" + national.replace(" ", "").substring(1);
    }

    /** Four hours from now: the 48 h target is past, so the reminder is due at once. */
    static Instant soon() {
        return Instant.now().plus(4, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    }

    private List<ReceivedSubmit> submitsTo(String national) {
        String address = smscAddress(national);
        return SMSC.submits().stream().filter(s -> s.destAddr().equals(address)).toList();
    }

    private String reminderOf(String id) {
        return api.as(SCHEDULER).get("/api/appointments/" + id).body();
    }

    @Test
    void anAppointmentBecomesOneGsm7SmsWithTheSitesTextAndIsDeliveredWhenTheReceiptComes(CapturedOutput output) {
        String phone = nextMobile();
        Instant start = soon();
        assertThat(api.as(SCHEDULER).put("/api/appointments/E2E-1", appointment(phone, start, "PONTCHAILLOU")).status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).until(() -> submitsTo(phone).size() == 1);
        ReceivedSubmit sms = submitsTo(phone).get(0);
        String expected = new ReminderTemplate(ReminderTemplate.DEFAULT_TEMPLATE).render(ReminderTemplate.fields(
                start.atZone(ZoneId.of("Europe/Paris")), "CHU Pontchaillou", "2 rue Henri Le Guilloux, Rennes",
                "02 99 28 43 21", "E2E-1"));
        assertThat(sms.dataCoding()).isEqualTo((byte) 0x00);
        assertThat(sms.udhi()).isFalse();
        assertThat(GsmAlphabet.fromUnpackedSeptets(sms.payload())).isEqualTo(expected);
        assertThat(sms.sourceAddr()).isEqualTo("CHURENNES");
        assertThat(sms.sourceTon()).isEqualTo((byte) 5);
        assertThat(sms.destTon()).isEqualTo((byte) 1);
        assertThat(sms.receiptRequested()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> reminderOf("E2E-1").contains("\"status\":\"DELIVERED\""));
        assertThat(reminderOf("E2E-1")).contains("\"encoding\":\"GSM7\"", "\"segments\":1");

        // the same PUT again changes nothing and sends nothing
        assertThat(api.as(SCHEDULER).put("/api/appointments/E2E-1", appointment(phone, start, "PONTCHAILLOU")).status()).isEqualTo(200);
        await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(submitsTo(phone)).hasSize(1);

        assertThat(output.getAll()).doesNotContain(phone, smscAddress(phone), phone.replace(" ", ""), "Pontchaillou, 2 rue");
    }

    @Test
    void aLongReminderIsSplitWithOneConcatenationReferenceAndIsDeliveredWhenEveryPartIs() {
        String phone = nextMobile();
        api.as(SCHEDULER).put("/api/appointments/E2E-LONG", appointment(phone, soon(), "LONG"));

        await().atMost(Duration.ofSeconds(10)).until(() -> submitsTo(phone).size() == 2);
        List<ReceivedSubmit> parts = submitsTo(phone);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.udhi()).isTrue();
            assertThat(p.dataCoding()).isEqualTo((byte) 0x00); // transliterated: â → a, ê → e, stays GSM-7
        });
        assertThat(parts.get(0).concat().orElseThrow().reference()).isEqualTo(parts.get(1).concat().orElseThrow().reference());
        assertThat(parts.stream().map(p -> p.concat().orElseThrow().part()).toList()).containsExactly(1, 2);
        String text = parts.stream().map(p -> GsmAlphabet.fromUnpackedSeptets(p.payload())).collect(Collectors.joining());
        assertThat(text).startsWith("Bonjour, nous vous rappelons").contains("Batiment Est").contains("empechement").endsWith("Réf E2E-LONG");

        await().atMost(Duration.ofSeconds(10)).until(() -> reminderOf("E2E-LONG").contains("\"status\":\"DELIVERED\""));
        assertThat(reminderOf("E2E-LONG")).contains("\"segments\":2");
    }

    @Test
    void receiptsThatSayUndeliverableOrRejectedAreRecorded() {
        String phone = nextMobile();
        SMSC.receiptStatusFor(smscAddress(phone), "UNDELIV", "001");
        api.as(SCHEDULER).put("/api/appointments/E2E-UNDELIV", appointment(phone, soon(), "PONTCHAILLOU"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reminderOf("E2E-UNDELIV").contains("\"status\":\"UNDELIVERABLE\""));

        String other = nextMobile();
        SMSC.receiptStatusFor(smscAddress(other), "REJECTD", "002");
        api.as(SCHEDULER).put("/api/appointments/E2E-REJECTD", appointment(other, soon(), "PONTCHAILLOU"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reminderOf("E2E-REJECTD").contains("\"status\":\"REJECTED\""));
    }

    @Test
    void stopRepliesOptTheNumberOutAndCancelItsPendingReminders() {
        String phone = nextMobile();
        // a reminder two days ahead stays pending
        Instant later = Instant.now().plus(5, ChronoUnit.DAYS);
        api.as(SCHEDULER).put("/api/appointments/E2E-STOP-LATER", appointment(phone, later, "PONTCHAILLOU"));
        assertThat(reminderOf("E2E-STOP-LATER")).contains("\"status\":\"PENDING\"");

        SMSC.sendMo(smscAddress(phone), "Stop");

        await().atMost(Duration.ofSeconds(10)).until(() -> reminderOf("E2E-STOP-LATER").contains("\"status\":\"CANCELLED\""));
        assertThat(reminderOf("E2E-STOP-LATER")).contains("patient replied STOP");

        // a new appointment for the same number gets no reminder
        api.as(SCHEDULER).put("/api/appointments/E2E-STOP-NEW", appointment(phone, soon(), "PONTCHAILLOU"));
        assertThat(reminderOf("E2E-STOP-NEW")).contains("\"status\":\"OPTED_OUT\"").contains("\"reminders\":[]");
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(submitsTo(phone)).isEmpty();

        // an ordinary reply changes nothing
        String other = nextMobile();
        api.as(SCHEDULER).put("/api/appointments/E2E-NOT-STOP", appointment(other, later, "PONTCHAILLOU"));
        SMSC.sendMo(smscAddress(other), "Merci, je serai la");
        await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(reminderOf("E2E-NOT-STOP")).contains("\"status\":\"PENDING\"");
    }

    @Test
    void aPermanentSmppErrorFailsTheReminderAndATransientOneIsRetriedAfterTheBackoff() throws InterruptedException {
        String bad = nextMobile();
        SMSC.respondWith(TestSmsc.ESME_RINVDSTADR, 1);
        api.as(SCHEDULER).put("/api/appointments/E2E-PERM", appointment(bad, soon(), "PONTCHAILLOU"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reminderOf("E2E-PERM").contains("\"status\":\"FAILED\""));
        assertThat(reminderOf("E2E-PERM")).contains("command_status 0x0B");

        String busy = nextMobile();
        SMSC.respondWith(TestSmsc.ESME_RTHROTTLED, 2);
        api.as(SCHEDULER).put("/api/appointments/E2E-THROTTLED", appointment(busy, soon(), "PONTCHAILLOU"));
        Map<Integer, Retry> retries = ReminderRetrySchedule.observe(jdbc, "E2E-THROTTLED", Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(15)).until(() -> reminderOf("E2E-THROTTLED").contains("\"status\":\"DELIVERED\""));
        assertThat(reminderOf("E2E-THROTTLED")).contains("\"attempts\":3");
        assertThat(submitsTo(busy).stream().filter(ReceivedSubmit::accepted).count()).isEqualTo(1);

        // throttled twice: retried retry-initial-delay (200 ms ±20 %) after the first failure, twice that after the second
        assertThat(retries).as("retries scheduled in the database").containsOnlyKeys(1, 2);
        assertJitteredDelay(retries.get(1), RETRY_INITIAL_DELAY, SCHEDULING_SLACK);
        assertJitteredDelay(retries.get(2), RETRY_INITIAL_DELAY.multipliedBy(2), SCHEDULING_SLACK);
        // and the SMSC saw no retry before it was due
        List<ReceivedSubmit> tries = submitsTo(busy);
        assertThat(tries).hasSize(3);
        assertThat(Duration.between(tries.get(0).receivedAt(), tries.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(160).minus(SCHEDULING_SLACK));
        assertThat(Duration.between(tries.get(1).receivedAt(), tries.get(2).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(320).minus(SCHEDULING_SLACK));
    }

    @Test
    void aCancelledAppointmentSendsNothing() {
        String phone = nextMobile();
        Instant later = Instant.now().plus(5, ChronoUnit.DAYS);
        api.as(SCHEDULER).put("/api/appointments/E2E-CANCEL", appointment(phone, later, "PONTCHAILLOU"));
        assertThat(api.as(SCHEDULER).delete("/api/appointments/E2E-CANCEL").status()).isEqualTo(204);
        assertThat(reminderOf("E2E-CANCEL")).contains("\"status\":\"CANCELLED\"");
        assertThat(api.as(SCHEDULER).delete("/api/appointments/E2E-CANCEL").status()).isEqualTo(204);
        assertThat(api.as(SCHEDULER).delete("/api/appointments/E2E-NEVER-EXISTED").status()).isEqualTo(404);
    }

    @Test
    void invalidAndLandlineNumbersKeepTheAppointmentWithoutAReminder() {
        assertThat(api.as(SCHEDULER).put("/api/appointments/E2E-LANDLINE", appointment("02 99 28 43 21", soon(), "PONTCHAILLOU")).status()).isEqualTo(201);
        assertThat(reminderOf("E2E-LANDLINE")).contains("\"status\":\"NOT_MOBILE\"", "\"reminders\":[]", "fixed line");
        assertThat(api.as(SCHEDULER).put("/api/appointments/E2E-INVALID", appointment("06 12", soon(), "PONTCHAILLOU")).status()).isEqualTo(201);
        assertThat(reminderOf("E2E-INVALID")).contains("\"status\":\"INVALID\"", "\"reminders\":[]");
    }

    static Map<String, Long> countByDest(List<ReceivedSubmit> submits) {
        return submits.stream().collect(Collectors.groupingBy(ReceivedSubmit::destAddr, Collectors.counting()));
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
