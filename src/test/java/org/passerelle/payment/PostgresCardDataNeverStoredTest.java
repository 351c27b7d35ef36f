package org.passerelle.payment;

import org.passerelle.testsupport.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CardDataNeverStoredTest} on PostgreSQL. */
class PostgresCardDataNeverStoredTest extends CardDataNeverStoredTest {

    static final PostgresTestDatabase DB = PostgresTestDatabase.forSpringContext("carddataneverstored");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        DB.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }
}
