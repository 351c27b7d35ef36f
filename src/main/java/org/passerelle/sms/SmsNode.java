package org.passerelle.sms;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** This replica's name in reminder claims: unique per process start. */
@Component
class SmsNode {

    private final String id;

    public SmsNode() {
        String host = System.getenv().getOrDefault("HOSTNAME", "local");
        this.id = (host.length() > 40 ? host.substring(0, 40) : host) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }
}
