package org.passerelle.payment;

import org.passerelle.testsupport.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The payment flow on PostgreSQL: conditional updates, the terminal lock and the append-only event trigger. */
class PostgresPaymentFlowTest extends PaymentFlowTest {

    static final PostgresTestDatabase DB = PostgresTestDatabase.forSpringContext("payment_flow");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        DB.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }
}
