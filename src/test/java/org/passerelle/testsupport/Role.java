package org.passerelle.testsupport;

import java.util.Locale;

/** The roles of the test users in application-test.yml; each user is named after its role, password = name. */
public enum Role {
    SCHEDULER, CASHIER, OPS, AUDITOR;

    public String user() {
        return name().toLowerCase(Locale.ROOT);
    }
}
