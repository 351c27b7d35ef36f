package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passerelle.channel.ChannelCalls;
import org.passerelle.channel.ChannelGate;
import org.passerelle.channel.ChannelId;

/** Which reason the cashier reads when several hold at once: the one ops must lift first. */
class CashierAvailabilityTest {

    private final ChannelGate gate = mock(ChannelGate.class);
    private final ChannelCalls calls = mock(ChannelCalls.class);
    private final PaymentBackendProbe probe = mock(PaymentBackendProbe.class);
    private final PaymentWorker worker = mock(PaymentWorker.class);
    private final CashierAvailability availability = new CashierAvailability(gate, calls, probe, worker);

    @BeforeEach
    void allOpen() {
        when(gate.allowsRecovery(ChannelId.PAYMENTS)).thenReturn(true);
        when(gate.isOpen(ChannelId.PAYMENTS)).thenReturn(true);
        when(calls.acceptsNewWork(ChannelId.PAYMENTS)).thenReturn(true);
        when(probe.lastOutcome()).thenReturn(PaymentBackendProbe.Outcome.HEALTHY);
        when(worker.accepting()).thenReturn(true);
    }

    @Test
    void everythingOpenLetsAPaymentStart() {
        assertThat(availability.refusal()).isNull();
        when(probe.lastOutcome()).thenReturn(null); // no probe configured
        assertThat(availability.refusal()).isNull();
    }

    @Test
    void theReasonsComeInTheOrderTheyAreLifted() {
        when(worker.accepting()).thenReturn(false);
        assertThat(availability.refusal()).isEqualTo(CashierAvailability.Reason.SHUTTING_DOWN);
        when(probe.lastOutcome()).thenReturn(PaymentBackendProbe.Outcome.FAILING);
        assertThat(availability.refusal()).isEqualTo(CashierAvailability.Reason.BACKEND_DOWN);
        when(calls.acceptsNewWork(ChannelId.PAYMENTS)).thenReturn(false);
        assertThat(availability.refusal()).isEqualTo(CashierAvailability.Reason.BREAKER_OPEN);
        when(gate.isOpen(ChannelId.PAYMENTS)).thenReturn(false);
        assertThat(availability.refusal()).isEqualTo(CashierAvailability.Reason.SUSPENDED);
        when(gate.allowsRecovery(ChannelId.PAYMENTS)).thenReturn(false);
        assertThat(availability.refusal()).isEqualTo(CashierAvailability.Reason.ISOLATED);
    }
}
