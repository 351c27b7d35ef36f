package org.passerelle.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The suite's log scan recognises what it is looking for, and not ordinary log lines. */
class LogScanPatternsTest {

    private static final String PREFIX = "2026-12-02T03:37:28.625Z  WARN 3191 --- [passerelle] [main] o.p.Some : ";

    @Test
    void findsPhoneNumbersTextsAndCardDataInAnyForm() {
        assertThat(SuiteLogScanTest.LOG_LINE.matcher(PREFIX).find()).isTrue();
        for (String leak : new String[] {"to 06 12 34 56 78", "to +33612345678", "to 0612345678", "dest 33612345678",
                "dest 262692654321", "text Rappel : RDV le lundi", "card 4111 1111 1111 1111", "pan 4970.1012.3456.7893",
                "cvv: 123", "track 4111111111111111=2812101", "Expiry 1228"}) {
            assertThat(SuiteLogScanTest.finding(PREFIX + leak)).as(leak).isNotNull();
        }
    }

    @Test
    void ignoresOrdinaryLogLines() {
        for (String fine : new String[] {"Reminder 42 submitted (+33•••••••78)",
                "Refund 1429ad08-7549-4390-8504-cb0ba79f69cd of payment 8fcdeed0-7d44-4568-9456-ed0e8a5aa246: SUCCEEDED",
                "Reminder 06123456-7890-1234-5678-9abcdef01234 claimed",
                "HL7 SIU^S12 control id DUMP-HL7-1-202612070608 from CHU-RENNES: AA, appointment created", "Payment 196e5cc3-0f2a-4d1e-9a7b-1c2d3e4f5a6b approved",
                "Channel states loaded (revision 12); polling every 250 ms", "masked 497010******0014",
                "Tomcat started on port 18080 (http)", "took 1234 ms"}) {
            assertThat(SuiteLogScanTest.finding(PREFIX + fine)).as(fine).isNull();
        }
    }
}
