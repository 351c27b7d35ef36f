package org.passerelle.channel;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.passerelle.testsupport.PasserelleInstance;
import org.passerelle.testsupport.PostgresTestDatabase;

/** The control plane storage contract on PostgreSQL (a fresh schema of the test database). */
class PostgresControlPlaneStorageTest extends ControlPlaneStorageContract {

    @RegisterExtension
    static final PostgresTestDatabase db = PostgresTestDatabase.perClass("storage");

    @Override
    protected PasserelleInstance startApplication() {
        return PasserelleInstance.start("pg-storage", db.springArgs());
    }

    @Override
    protected Connection rawConnection(PasserelleInstance app) throws SQLException {
        return db.connect();
    }

    @Override
    protected String expectedDatabaseProduct() {
        return "PostgreSQL";
    }
}
