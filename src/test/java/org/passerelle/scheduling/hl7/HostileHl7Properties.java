package org.passerelle.scheduling.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.passerelle.testsupport.MllpClient;
import org.passerelle.testsupport.PasserelleInstance;

/**
 * Generated HL7 over MLLP, from a valid SIU^S12 mutated field by field (other scripts, control characters, wrong
 * separators, huge fields, missing segments, wrong types and events) and from raw garbage frames. Every frame
 * gets an ACK with MSA-1 AA, AE or AR on the same connection, and the connection still serves the next message.
 */
class HostileHl7Properties {

    private static final List<String> FIELDS = List.of("MSH^9", "MSH^10", "MSH^12", "SCH^1", "SCH^2", "SCH^11", "PID^3",
            "PID^13", "AIS^4", "AIL^3", "AIL^6");
    private static PasserelleInstance app;
    private static int port;

    @BeforeContainer
    static void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        app = PasserelleInstance.start("hostile-hl7", List.of("--passerelle.hl7.port=" + port, "--logging.level.root=WARN"));
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Property(tries = 200)
    void everyMutatedSiuGetsAnAckAndTheConnectionGoesOn(@ForAll("mutations") List<String[]> mutations) {
        SiuMessages message = valid();
        for (String[] m : mutations) {
            String[] at = m[0].split("\\^");
            if (m[1] == null) {
                message.remove(at[0]);
            } else {
                message.set(at[0], Integer.parseInt(at[1]), m[1]);
            }
        }
        try (MllpClient client = new MllpClient(port)) {
            assertAnswered(client.send(message.build()));
            assertThat(SiuMessages.Ack.parse(client.send(valid().build())).code())
                    .as("a valid message after the hostile one, same connection").isEqualTo("AA");
        }
    }

    @Property(tries = 100)
    void everyGarbageFrameGetsAnAck(@ForAll("garbage") String frame) {
        try (MllpClient client = new MllpClient(port)) {
            assertAnswered(client.send(frame));
        }
    }

    private static void assertAnswered(String ack) {
        assertThat(ack).as("an ACK").isNotNull().startsWith("MSH");
        assertThat(SiuMessages.Ack.parse(ack).code()).as(ack.replace('\r', '\n')).isIn("AA", "AE", "AR");
        if (!"AA".equals(SiuMessages.Ack.parse(ack).code())) {
            assertThat(SiuMessages.Ack.parse(ack).hasErr()).as("AE/AR carry an ERR segment").isTrue();
        }
    }

    private static SiuMessages valid() {
        String id = "H-" + UUID.randomUUID().toString().substring(0, 13);
        return SiuMessages.siu("S12", UUID.randomUUID().toString(), id,
                ZonedDateTime.now(ZoneId.of("Europe/Paris")).plusDays(5).withSecond(0).withNano(0), "0612345678", "PONTCHAILLOU");
    }

    @Provide
    Arbitrary<List<String[]>> mutations() {
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars('|', '^', '~', '\\', '&', '\u0000', '\u000b', '\u001c', 'é', '’', '\u202e')
                        .ofMaxLength(30),
                Arbitraries.integers().between(1_000, 12_000).map("X"::repeat),
                Arbitraries.of("SIU^S99^SIU_S12", "ADT^A01", "SIU^S15^SIU_S12", "SIU^S26", "2.3", "9.9", "",
                        "^^^20261310250000", "^^^99999999999999", "^^^-1", "../../etc/passwd^X", "é^X", "NOPE^^^CHU"),
                Arbitraries.just((String) null));
        return Combinators.combine(Arbitraries.of(FIELDS), values).as((f, v) -> new String[] {f, v}).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(400),
                Arbitraries.strings().ofMaxLength(200).map(s -> "MSH|" + s),
                Arbitraries.strings().ofMaxLength(200).map(s -> "MSH|^~\\&|A|B|C|D|20260101||SIU^S12^SIU_S12|" + s + "\r"),
                Arbitraries.of("", "M", "MSH", "MSH|", "MSH|^~\\&", "\r\r\r", "PID|1\r"),
                Arbitraries.strings().withChars('\u000b', '\u001c', 'A', '|', '\r').ofMaxLength(40).map(s -> "MSH|^~\\&|A|B|C|D|" + s));
    }

}
