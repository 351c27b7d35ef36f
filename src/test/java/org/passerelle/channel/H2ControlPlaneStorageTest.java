package org.passerelle.channel;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.passerelle.testsupport.PasserelleInstance;

/** The control plane storage contract on the embedded database (profile test: in-memory H2). */
class H2ControlPlaneStorageTest extends ControlPlaneStorageContract {

    @Override
    protected PasserelleInstance startApplication() {
        return PasserelleInstance.start("h2-storage", List.of());
    }

    @Override
    protected Connection rawConnection(PasserelleInstance app) throws SQLException {
        HikariDataSource ds = app.bean(HikariDataSource.class);
        return DriverManager.getConnection(ds.getJdbcUrl(), ds.getUsername(), ds.getPassword());
    }

    @Override
    protected String expectedDatabaseProduct() {
        return "H2";
    }
}
