package org.passerelle.scheduling.hl7;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code passerelle_hl7_messages_total{ack}}: HL7 messages answered by this replica, by MSA-1 code; all from start. */
@Component
class Hl7Metrics {

    private final Map<AckCode, Counter> answered = new EnumMap<>(AckCode.class);

    Hl7Metrics(MeterRegistry meters) {
        for (AckCode code : AckCode.values()) {
            answered.put(code, Counter.builder("passerelle.hl7.messages")
                    .description("HL7 messages answered, by acknowledgment code (aa, ae, ar)")
                    .tag("ack", code.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
    }

    void answered(AckCode code) {
        answered.get(code).increment();
    }
}
