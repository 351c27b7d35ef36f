package org.passerelle.routing;

import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring that every route file relies on. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    CamelContextConfiguration typedSettingsFunction(ApplicationContext context) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(org.apache.camel.CamelContext camel) {
                camel.getPropertiesComponent().addPropertiesFunction(new TypedSettings(context));
            }

            @Override
            public void afterApplicationStart(org.apache.camel.CamelContext camel) {
            }
        };
    }
}
