package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.OPS;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.passerelle.channel.ChannelClosedException;
import org.passerelle.payment.nexo.MessageCategory;
import org.passerelle.payment.nexo.NexoMessages;
import org.passerelle.payment.nexo.ServiceIds;
import org.passerelle.payment.nexo.TerminalRequest;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;
import org.passerelle.testsupport.terminal.Received;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Every request to the terminal backend leaves through its route in routes/payments.yaml: the gate in the route
 * decides what passes (new work only while ACTIVE; status inquiries and aborts also while SUSPENDED; nothing while
 * ISOLATED), the breaker in the route is the control plane's own, and only the request's own headers leave.
 */
class PaymentRoutesTest extends PaymentTestBase {

    private static final List<String> NEW_WORK = List.of("direct:payment-request", "direct:payment-reversal",
            "direct:payment-diagnosis");
    private static final List<String> FOLLOW_UPS = List.of("direct:payment-status", "direct:payment-abort");

    @Autowired
    ProducerTemplate routes;
    @Autowired
    @Qualifier("paymentsBreaker")
    CircuitBreaker paymentsBreaker;

    @AfterEach
    void reopen() {
        api.as(OPS).post("/api/incident/restore", "{\"channels\":[\"sms\",\"payments\",\"scheduling\"],\"reason\":\"test cleanup\"}");
        api.as(OPS).post("/api/channels/payments/resume", "{\"reason\":\"test cleanup\"}");
        BACKEND.statusMode(FakeTerminalBackend.StatusMode.NORMAL);
    }

    @Test
    void everyRouteReachesTheBackendWhilePaymentsAreActive() {
        String terminal = newTerminal();
        for (String route : concat(NEW_WORK, FOLLOW_UPS)) {
            assertThat(send(route, terminal).getException()).as(route).isNull();
        }
        assertThat(BACKEND.received().stream().filter(r -> terminal.equals(r.poiId())).map(Received::category))
                .containsExactly("Payment", "Reversal", "Diagnosis", "TransactionStatus", "Abort");
    }

    @Test
    void whileSuspendedOnlyFollowUpsOfStartedWorkPassTheGate() {
        String terminal = newTerminal();
        assertThat(api.as(OPS).post("/api/channels/payments/suspend", "{\"reason\":\"routes test\"}").status()).isEqualTo(200);
        for (String route : NEW_WORK) {
            assertThat(send(route, terminal).getException()).as(route).isInstanceOf(ChannelClosedException.class);
        }
        for (String route : FOLLOW_UPS) {
            assertThat(send(route, terminal).getException()).as(route).isNull();
        }
        assertThat(BACKEND.received().stream().filter(r -> terminal.equals(r.poiId())).map(Received::category))
                .containsExactly("TransactionStatus", "Abort");
    }

    @Test
    void whileIsolatedNothingPassesTheGate() {
        String terminal = newTerminal();
        assertThat(api.as(OPS).post("/api/incident/isolate", "{\"reason\":\"routes test\"}").status()).isEqualTo(200);
        for (String route : concat(NEW_WORK, FOLLOW_UPS)) {
            assertThat(send(route, terminal).getException()).as(route).isInstanceOf(ChannelClosedException.class);
        }
        assertThat(BACKEND.received().stream().filter(r -> terminal.equals(r.poiId()))).isEmpty();
    }

    @Test
    void theRoutesBreakerIsTheControlPlanesOwnAndCountsBackendTrouble() {
        long failedBefore = paymentsBreaker.getMetrics().getNumberOfFailedCalls();
        BACKEND.statusMode(FakeTerminalBackend.StatusMode.HTTP_500);
        assertThat(send("direct:payment-status", newTerminal()).getException()).isNotNull();
        assertThat(paymentsBreaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore + 1);
    }

    @Test
    void onlyTheRequestsOwnHeadersLeave() {
        String terminal = newTerminal();
        Exchange done = routes.request("direct:payment-diagnosis", e -> {
            e.getMessage().setHeader("CamelSecretInternal", "x");
            e.getMessage().setHeader("patientPhone", "+33612345678");
            e.getMessage().setBody(request(MessageCategory.Diagnosis, terminal));
        });
        assertThat(done.getException()).isNull();
        Received received = BACKEND.received("Diagnosis", terminal).get(0);
        assertThat(received.headerNames()).contains("content-type").doesNotContain("patientphone", "camelsecretinternal");
        assertThat(received.headerNames()).noneMatch(h -> h.startsWith("camel"));
    }

    private Exchange send(String route, String terminal) {
        MessageCategory category = switch (route) {
            case "direct:payment-request" -> MessageCategory.Payment;
            case "direct:payment-reversal" -> MessageCategory.Reversal;
            case "direct:payment-diagnosis" -> MessageCategory.Diagnosis;
            case "direct:payment-status" -> MessageCategory.TransactionStatus;
            default -> MessageCategory.Abort;
        };
        return routes.request(route, e -> e.getMessage().setBody(request(category, terminal)));
    }

    private static TerminalRequest<Object> request(MessageCategory category, String terminal) {
        String id = ServiceIds.next();
        NexoMessages.Outgoing message = switch (category) {
            case Payment -> NexoMessages.payment("ROUTES", terminal, id, "pay-" + id, java.time.Instant.now(), 1500, "EUR");
            case Reversal -> NexoMessages.reversal("ROUTES", terminal, id, "ref-" + id, java.time.Instant.now(), "TX-1",
                    null, 100, "EUR");
            case Diagnosis -> NexoMessages.diagnosis("ROUTES", terminal, id);
            case TransactionStatus -> NexoMessages.transactionStatus("ROUTES", terminal, id, MessageCategory.Payment, "S-1");
            default -> NexoMessages.abort("ROUTES", terminal, id, "S-1");
        };
        return new TerminalRequest<>(message, answer -> answer);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
