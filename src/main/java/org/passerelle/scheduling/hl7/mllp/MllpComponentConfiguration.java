package org.passerelle.scheduling.hl7.mllp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers Passerelle's {@code mllp} component; Camel resolves the {@code mllp:} scheme to this bean. */
@Configuration(proxyBeanMethods = false)
class MllpComponentConfiguration {

    @Bean("mllp")
    PipelinedMllpComponent mllp() {
        return new PipelinedMllpComponent();
    }
}
