package org.passerelle.privacy;

import org.passerelle.testsupport.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link DatabaseDumpTest} on PostgreSQL. */
class PostgresDatabaseDumpTest extends DatabaseDumpTest {

    static final PostgresTestDatabase DB = PostgresTestDatabase.forSpringContext("databasedump");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        DB.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }
}
