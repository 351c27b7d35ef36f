package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Role.AUDITOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.testsupport.terminal.Behaviour;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * The human flag: an outcome still unknown {@code recovery.human-after} after acceptance (30 min in production,
 * 3 s here) is flagged {@code needsHuman}, logged at WARN with its id only, listed in the reconciliation
 * report, and the flag clears itself when recovery settles the payment after all.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "passerelle.payments.recovery.human-after=3s")
class PaymentHumanFlagTest extends PaymentTestBase {

    private static final Duration HUMAN_AFTER = Duration.ofSeconds(3);

    @Test
    void anOutcomeStillUnknownAfterHumanAfterIsFlaggedLoggedAndReportedThenClearsWhenSettled(CapturedOutput output) {
        String terminal = newTerminal();
        BACKEND.on(terminal, Behaviour.NEVER_ANSWER); // read timeout → UNKNOWN; TransactionStatus says InProgress
        String id = start(terminal, 4_321);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> payment(id).path("needsHuman").asBoolean());
        JsonNode flagged = payment(id);
        assertThat(flagged.path("state").asText()).isIn("IN_PROGRESS", "UNKNOWN");
        assertThat(flagged.path("humanReason").asText()).contains("still unknown");
        Instant created = Instant.parse(flagged.path("createdAt").asText());
        JsonNode flagEvent = event(flagged, "flagged for a human");
        assertThat(Instant.parse(flagEvent.path("at").asText())).as("flagged only once human-after has passed")
                .isAfterOrEqualTo(created.plus(HUMAN_AFTER));
        assertThat(BACKEND.count("Payment", terminal)).as("never sent again").isEqualTo(1);

        assertThat(output.getAll().lines().filter(l -> l.contains("WARN") && l.contains(id) && l.contains("flagged for a human")))
                .as("one WARN line naming the payment").hasSize(1)
                .allSatisfy(l -> assertThat(l).doesNotContain("FAC-2026-0042").doesNotContain("Caisse 2").doesNotContain("4321"));

        JsonNode report = json(api.as(AUDITOR).get("/api/payments/reconciliation"));
        assertThat(report.path("needsHuman").findValuesAsText("id")).contains(id);

        BACKEND.complete(terminal); // the backend finally knows: approved
        JsonNode settled = awaitState(id, "APPROVED");
        assertThat(settled.path("needsHuman").asBoolean()).as("the flag clears itself once recovery settles it").isFalse();
        assertThat(json(api.as(AUDITOR).get("/api/payments/reconciliation")).path("needsHuman").findValuesAsText("id"))
                .doesNotContain(id);
    }

    @Test
    void aPaymentSettledBeforeHumanAfterIsNeverFlagged() {
        String id = start(newTerminal(), 1_234);
        awaitState(id, "APPROVED");
        await().pollDelay(HUMAN_AFTER.plusMillis(500)).atMost(HUMAN_AFTER.plusSeconds(2)).until(() -> true);
        assertThat(payment(id).path("needsHuman").asBoolean()).isFalse();
        assertThat(payment(id).path("history").findValuesAsText("detail")).noneMatch(d -> d.contains("flagged for a human"));
    }

    private static JsonNode event(JsonNode payment, String detail) {
        return StreamSupport.stream(payment.path("history").spliterator(), false)
                .filter(e -> e.path("detail").asText().contains(detail)).findFirst()
                .orElseThrow(() -> new AssertionError("no event '" + detail + "' in " + payment.path("history")));
    }
}
