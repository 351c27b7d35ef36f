package org.passerelle.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.passerelle.payment.nexo.NexoClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

    /** A plain mapper of its own: the wire format must not change with the API's JSON settings. */
    @Bean
    NexoClient nexoClient(PaymentProperties properties) {
        PaymentProperties.Backend backend = properties.getBackend();
        return new NexoClient(backend.getUrl(), backend.getApiKey(), backend.getConnectTimeout(), new ObjectMapper());
    }
}
