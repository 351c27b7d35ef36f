package org.passerelle.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells a newcomer, at start-up of the local default only, how to log in. */
@Profile("local")
@Component
class LocalDefaultBanner {

    private static final Logger log = LoggerFactory.getLogger(LocalDefaultBanner.class);

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        log.warn("LOCAL DEFAULT: embedded H2 database under ./data and demo users scheduler, cashier, ops, ops2, auditor "
                + "(password = user name). Never use this profile in production.");
    }
}
