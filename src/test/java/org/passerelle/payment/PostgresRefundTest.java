package org.passerelle.payment;

import org.passerelle.testsupport.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link RefundTest} on PostgreSQL. */
class PostgresRefundTest extends RefundTest {

    static final PostgresTestDatabase DB = PostgresTestDatabase.forSpringContext("refund");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        DB.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }
}
