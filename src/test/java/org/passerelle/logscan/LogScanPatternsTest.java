package org.passerelle.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.Api;

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

    /** Spring Boot's ECS line, as {@code logging.structured.format.console=ecs} writes it. */
    private static String ecs(String message, String extra) {
        return "{\"@timestamp\":\"2026-12-02T05:56:40.337018920Z\",\"log\":{\"level\":\"WARN\",\"logger\":\"org.passerelle.Some\"},"
                + "\"process\":{\"pid\":11557,\"thread\":{\"name\":\"Camel (camel-1) thread #36 - ShutdownTask\"}},"
                + "\"service\":{\"name\":\"passerelle\",\"version\":\"0.1.0-SNAPSHOT\",\"node\":{}},"
                + "\"message\":" + Api.json(message) + extra + ",\"ecs\":{\"version\":\"8.11\"}}";
    }

    @Test
    void jsonLogLinesAreScannedInEveryTextFieldDecoded() throws Exception {
        assertThat(JsonLogLines.isJsonLogLine(ecs("Routes stopped (total:12)", ""))).isTrue();
        assertThat(JsonLogLines.isJsonLogLine("{\"not\":\"a log line\"}")).isFalse();
        assertThat(JsonLogLines.isJsonLogLine(PREFIX + "plain")).isFalse();
        for (String leak : new String[] {
                ecs("to 06 12 34 56 78", ""),
                ecs("Payment failed", ",\"error\":{\"type\":\"java.lang.IllegalStateException\","
                        + "\"message\":\"card 4111111111111111 refused\",\"stack_trace\":\"java.lang.IllegalStateException\\n\\tat x.Y.z(Y.java:12)\"}"),
                ecs("Submit failed", ",\"error\":{\"stack_trace\":\"org.x.SmppException: dest 33612345678\\n\\tat a.B.c(B.java:1)\"}"),
                ecs("Reminder sent", ",\"phone\":\"+33612345678\""),
                // JSON escapes decoded before the patterns run: "d\u00e9placer"
                ecs("x", ",\"text\":\"Pour annuler ou d\\u00e9placer\""),
                ecs("expiry next to its label", ",\"mdc\":{\"Expiry\":\"1228\"}")}) {
            assertThat(JsonLogLines.finding(leak)).as(leak).isNotNull();
        }
    }

    @Test
    void ordinaryJsonLogLinesPass() {
        for (String fine : new String[] {
                ecs("Apache Camel 4.17.0 (passerelle) shutdown in 842ms (uptime:2s)", ""),
                ecs("Payment 196e5cc3-0f2a-4d1e-9a7b-1c2d3e4f5a6b approved", ""),
                ecs("Reminder 42 submitted (+33\u2022\u2022\u2022\u2022\u2022\u2022\u202278)", ""),
                ecs("HikariPool-1 - Shutdown completed.", ",\"error\":{\"stack_trace\":\"java.io.IOException\\n\\tat a.B.c(B.java:1234)\"}")}) {
            assertThat(JsonLogLines.finding(fine)).as(fine).isNull();
        }
    }

    @Test
    void aFileMixingPlainAndJsonLinesIsScannedWhole(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path log = dir.resolve("passerelle.log");
        java.nio.file.Files.writeString(log, String.join("\n", "=== start 1 ===", PREFIX + "Tomcat started on port 18080 (http)",
                ecs("Started PasserelleApplication in 13.451 seconds", ""), ecs("to 0612345678", ""), "not a log line 0612345678"));
        SuiteLogScanTest.Scan scan = SuiteLogScanTest.scan(log);
        assertThat(scan.logLines()).isEqualTo(3);
        assertThat(scan.findings()).hasSize(1).allMatch(f -> f.contains("to 0612345678"));
    }
}
