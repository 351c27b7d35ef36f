package org.passerelle.scheduling.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.scheduling.hl7.SiuMessages.siu;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.passerelle.scheduling.AppointmentView;
import org.passerelle.scheduling.AppointmentViews;
import org.passerelle.scheduling.ReminderStatus;
import org.passerelle.scheduling.hl7.SiuMessages.Ack;
import org.passerelle.testsupport.MllpClient;
import org.passerelle.testsupport.PostgresTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Many connections at once on PostgreSQL, so their messages are committed in groups: every message gets its
 * answer, resends among them (which fail their group on the duplicate control id) get their first AA and change
 * nothing while the messages that shared their group are still applied, and a later change of an appointment
 * from the same sender is never overtaken by an earlier one.
 */
@SpringBootTest
@ActiveProfiles("test")
class PostgresHl7GroupCommitTest {

    private static final PostgresTestDatabase DB = PostgresTestDatabase.forSpringContext("hl7_group_commit");
    private static final int MLLP_PORT = freePort();
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int CONNECTIONS = 8;
    private static final int MESSAGES_EACH = 24;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("passerelle.hl7.port", () -> MLLP_PORT);
        DB.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    AppointmentViews views;

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ZonedDateTime inDays(int days, int hour) {
        return LocalDate.now(PARIS).plusDays(days).atTime(LocalTime.of(hour, 0)).atZone(PARIS);
    }

    @Test
    void concurrentSendersGetEveryAnswerResendsChangeNothingAndUpdatesKeepTheirOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String resentControl = "C-" + run + "-first";
        String resentId = "G-" + run + "-first";
        Ack first;
        try (MllpClient client = new MllpClient(MLLP_PORT)) {
            first = Ack.parse(client.send(siu("S12", resentControl, resentId, inDays(5, 10), "0612345678",
                    "PONTCHAILLOU").build()));
        }
        assertThat(first.code()).isEqualTo("AA");

        Map<String, Ack> answers = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<?>> senders = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int connection = c;
            senders.add(pool.submit(() -> {
                try (MllpClient client = new MllpClient(MLLP_PORT)) {
                    go.await();
                    for (int m = 0; m < MESSAGES_EACH; m++) {
                        String control = "C-" + run + "-" + connection + "-" + m;
                        String message;
                        if (m % 6 == 5) { // a resend of the first message, other content
                            control = resentControl;
                            message = siu("S12", control, resentId, inDays(9, 16), "0698765432", "SUD").build();
                        } else if (m % 6 == 4) { // moves the appointment this sender booked 4 messages earlier
                            message = siu("S13", control, id(run, connection, m - 4), inDays(6 + m, 11),
                                    "0612345678", "PONTCHAILLOU").build();
                        } else {
                            message = siu("S12", control, id(run, connection, m), inDays(5, 10), "0612345678",
                                    "PONTCHAILLOU").build();
                        }
                        answers.put(connection + "/" + m, Ack.parse(client.send(message)));
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : senders) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(answers).hasSize(CONNECTIONS * MESSAGES_EACH);
        answers.forEach((which, ack) -> assertThat(ack.code()).as(which).isEqualTo("AA"));
        for (int c = 0; c < CONNECTIONS; c++) {
            for (int m = 0; m < MESSAGES_EACH; m++) {
                Ack ack = answers.get(c + "/" + m);
                if (m % 6 == 5) {
                    assertThat(ack.field("MSA", 2)).isEqualTo(resentControl);
                    assertThat(ack.field("MSA", 3)).isEqualTo(first.field("MSA", 3)).isEqualTo("appointment created");
                } else if (m % 6 == 4) {
                    assertThat(ack.field("MSA", 3)).as(c + "/" + m).isEqualTo("appointment updated");
                } else {
                    assertThat(ack.field("MSA", 3)).as(c + "/" + m).isEqualTo("appointment created");
                }
            }
            for (int m = 0; m < MESSAGES_EACH; m += 6) {
                // booked by message m, moved by message m + 4: the move is what is stored
                AppointmentView moved = views.of(id(run, c, m));
                assertThat(moved.start().toInstant()).isEqualTo(inDays(6 + m + 4, 11).toInstant());
                assertThat(moved.reminders()).filteredOn(r -> r.status() == ReminderStatus.PENDING).hasSize(1);
                for (int other : new int[] {1, 2, 3}) {
                    AppointmentView booked = views.of(id(run, c, m + other));
                    assertThat(booked.reminders()).hasSize(1);
                    assertThat(booked.reminders().get(0).status()).isEqualTo(ReminderStatus.PENDING);
                }
            }
        }
        AppointmentView resent = views.of(resentId);
        assertThat(resent.siteCode()).isEqualTo("PONTCHAILLOU");
        assertThat(resent.start().toInstant()).isEqualTo(inDays(5, 10).toInstant());
        assertThat(resent.phone().masked()).endsWith("78");
        assertThat(resent.reminders()).hasSize(1);
    }

    private static String id(String run, int connection, int message) {
        return "G-" + run + "-" + connection + "-" + message;
    }
}
