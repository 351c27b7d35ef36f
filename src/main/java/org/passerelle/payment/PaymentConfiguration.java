package org.passerelle.payment;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.passerelle.payment.nexo.NexoHttp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The terminal backend as Camel sees it: one HTTP endpoint per timeout class, configured here from the typed
 * {@code passerelle.payments.backend.*} settings and named in {@code routes/payments.yaml} as
 * {@code ref:terminalBackend…}. camel-http (Apache HttpClient 5) with automatic retries and redirects off:
 * a PaymentRequest is sent once, whatever the backend answers.
 */
@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

    @Bean
    NexoHttp nexoHttp() {
        return new NexoHttp();
    }

    /** Shared by the endpoints; closed at shutdown after the grace so calls still blocked end at once. */
    @Bean(destroyMethod = "close")
    PoolingHttpClientConnectionManager terminalBackendConnections(PaymentProperties properties) {
        int connections = properties.backend().connections();
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .build();
    }

    /** The API key travels in the x-API-key header only, added here so no Camel header or URI ever holds it. */
    @Bean
    HttpClientConfigurer terminalBackendClient(PaymentProperties properties) {
        String apiKey = properties.backend().apiKey();
        return builder -> {
            builder.disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                    .setUserAgent("Passerelle");
            if (!apiKey.isEmpty()) {
                builder.addRequestInterceptorFirst((request, entity, context) -> request.setHeader("x-API-key", apiKey));
            }
        };
    }

    /** The threads of the payment-recovery route's inquiries; Camel's own pool, stopped with Camel. */
    @Bean(destroyMethod = "")
    ExecutorService paymentInquiries(CamelContext camel, PaymentProperties properties) {
        return camel.getExecutorServiceManager().newFixedThreadPool(this, "payment-inquiry",
                properties.recovery().inquiries());
    }

    /** PaymentRequest: the answer may wait for the card prompt. */
    @Bean
    Endpoint terminalBackendPayment(CamelContext camel, PaymentProperties properties) {
        return endpoint(camel, properties, properties.backend().readTimeout());
    }

    /** TransactionStatus, Abort and Diagnosis: short requests. */
    @Bean
    Endpoint terminalBackendShort(CamelContext camel, PaymentProperties properties) {
        return endpoint(camel, properties, properties.backend().statusTimeout());
    }

    /** ReversalRequest (refund): no card prompt. */
    @Bean
    Endpoint terminalBackendReversal(CamelContext camel, PaymentProperties properties) {
        return endpoint(camel, properties, properties.backend().reversalTimeout());
    }

    private static Endpoint endpoint(CamelContext camel, PaymentProperties properties, Duration timeout) {
        URI url = properties.backend().url();
        long connect = properties.backend().connectTimeout().toMillis();
        String options = "httpMethod=POST&throwExceptionOnFailure=false&followRedirects=false"
                + "&skipRequestHeaders=true&skipResponseHeaders=true"
                + "&clientConnectionManager=#terminalBackendConnections&httpClientConfigurer=#terminalBackendClient"
                + "&connectTimeout=" + connect + "&connectionRequestTimeout=" + connect
                + "&responseTimeout=" + timeout.toMillis() + "&soTimeout=" + timeout.toMillis();
        return camel.getEndpoint(url + (url.getRawQuery() == null ? "?" : "&") + options);
    }
}
