package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.payment.PaymentState.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The state machine and the small rules around the API, without Spring. */
class PaymentRulesTest {

    @Test
    void nothingMovesBackwardsAndFinalStatesOnlyMoveThroughRefunds() {
        assertThat(PaymentStateMachine.allows(IN_PROGRESS, APPROVED)).isTrue();
        assertThat(PaymentStateMachine.allows(UNKNOWN, APPROVED)).isTrue();
        assertThat(PaymentStateMachine.allows(APPROVED, DECLINED)).isFalse();
        assertThat(PaymentStateMachine.allows(APPROVED, UNKNOWN)).isFalse();
        assertThat(PaymentStateMachine.allows(DECLINED, APPROVED)).isFalse();
        assertThat(PaymentStateMachine.allows(UNKNOWN, IN_PROGRESS)).isFalse();
        assertThat(PaymentStateMachine.allows(IN_PROGRESS, RECEIVED)).isFalse();
        assertThat(PaymentStateMachine.allows(RECEIVED, APPROVED)).as("never approved without being sent").isFalse();
        assertThat(PaymentStateMachine.allows(REFUNDED, APPROVED)).isFalse();
        assertThat(PaymentStateMachine.allows(APPROVED, PARTIALLY_REFUNDED)).isTrue();
        assertThat(PaymentStateMachine.allows(PARTIALLY_REFUNDED, REFUNDED)).isTrue();
        for (PaymentState s : new PaymentState[] {DECLINED, FAILED, CANCELLED, REVERSED, REFUNDED}) {
            for (PaymentState to : PaymentState.values()) {
                assertThat(PaymentStateMachine.allows(s, to)).as(s + " -> " + to).isFalse();
            }
        }
    }

    @Test
    void refundsDecideTheStateAfterwards() {
        assertThat(PaymentStateMachine.afterRefunds(1000, 300, 1)).isEqualTo(PARTIALLY_REFUNDED);
        assertThat(PaymentStateMachine.afterRefunds(1000, 1000, 1)).isEqualTo(REVERSED);
        assertThat(PaymentStateMachine.afterRefunds(1000, 1000, 3)).isEqualTo(REFUNDED);
    }

    @ParameterizedTest
    @CsvSource({"30s, 30000", "30, 30000", "500ms, 500", "600s, 60000", "0, 0"})
    void waitIsParsedAndCapped(String raw, long millis) {
        assertThat(WaitParameter.parse(raw, Duration.ofSeconds(60)).toMillis()).isEqualTo(millis);
    }

    @Test
    void currenciesAreIsoCodes() {
        assertThat(PaymentProperties.isIsoCurrency("EUR")).isTrue();
        assertThat(PaymentProperties.isIsoCurrency("eur")).isFalse();
        assertThat(PaymentProperties.isIsoCurrency("XYZ")).isFalse();
    }
}
