package org.passerelle.payment;

import org.passerelle.testsupport.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PaymentRecoveryTest} on PostgreSQL. */
class PostgresPaymentRecoveryTest extends PaymentRecoveryTest {

    static final PostgresTestDatabase DB = PostgresTestDatabase.forSpringContext("paymentrecovery");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        DB.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }
}
