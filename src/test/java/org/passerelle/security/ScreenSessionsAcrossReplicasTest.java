package org.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.passerelle.testsupport.PasserelleInstance;
import org.passerelle.testsupport.Replicas;
import org.passerelle.testsupport.ScreenSession;

/**
 * Two replicas on one PostgreSQL, as behind the cluster's Service with no sticky sessions: a screen user who logs in
 * on one is served by the other, logging out on one ends the session on both, and what the session table holds is
 * worth nothing to whoever copies it (no cookie to replay) or writes to it (no class read back but the expected ones).
 */
class ScreenSessionsAcrossReplicasTest {

    @RegisterExtension
    static final Replicas replicas = Replicas.onPostgres("screensessions").named("A", "B");

    private static PasserelleInstance a;
    private static PasserelleInstance b;

    @BeforeAll
    static void replicas() {
        a = replicas.get("A");
        b = replicas.get("B");
    }

    @Test
    void aUserLoggedInOnOneReplicaIsServedByTheOtherAndLoggingOutOnEitherEndsItOnBoth() throws Exception {
        String cookie = logIn(a, "ops");

        HttpResponse<String> console = get(b, "/ops", cookie);
        assertThat(console.statusCode()).as("the console on the other replica").isEqualTo(200);
        assertThat(console.body()).contains("ops");

        String csrf = ScreenSession.csrfOf(console.body());
        HttpResponse<String> logout = post(b, "/logout", cookie, "_csrf=" + ScreenSession.enc(csrf));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));

        HttpResponse<String> after = get(a, "/ops", cookie);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void theSessionTableHoldsNoCookieThatLogsIn() throws Exception {
        String cookie = logIn(a, "auditor");
        List<String> stored = new ArrayList<>();
        try (Connection c = replicas.db().connect();
             ResultSet rs = c.createStatement().executeQuery("select session_id from spring_session")) {
            while (rs.next()) {
                stored.add(rs.getString(1).trim());
            }
        }
        assertThat(stored).isNotEmpty().doesNotContain(cookie).contains(HashedSessionIds.storedId(cookie));

        // an attacker with a copy of the table tries each stored id as a cookie, on each replica
        for (String id : stored) {
            for (PasserelleInstance replica : List.of(a, b)) {
                HttpResponse<String> tried = get(replica, "/ops", id);
                assertThat(tried.statusCode()).as("stored id replayed as a cookie").isEqualTo(302);
            }
        }
        try (Connection c = replicas.db().connect();
             PreparedStatement st = c.prepareStatement("select count(*) from spring_session_attributes "
                     + "where position(convert_to(?, 'UTF8') in attribute_bytes) > 0")) {
            st.setString(1, cookie);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("attributes holding the cookie token").isZero();
            }
        }
    }

    @Test
    void aClassPlantedInTheSessionTableIsNotReadBackAndTheUserIsAskedToLogInAgain() throws Exception {
        String cookie = logIn(a, "ops");
        assertThat(get(b, "/ops", cookie).statusCode()).isEqualTo(200);

        // any serializable class outside the allowed ones stands for a gadget chain's first object
        try (Connection c = replicas.db().connect();
             PreparedStatement st = c.prepareStatement("update spring_session_attributes set attribute_bytes = ? "
                     + "where attribute_name = 'SPRING_SECURITY_CONTEXT' and session_primary_id = "
                     + "(select primary_id from spring_session where session_id = ?)")) {
            st.setBytes(1, serialized(new File("/etc/passwd")));
            st.setString(2, HashedSessionIds.storedId(cookie));
            assertThat(st.executeUpdate()).isEqualTo(1);
        }

        for (PasserelleInstance replica : List.of(b, a)) {
            HttpResponse<String> planted = get(replica, "/ops", cookie);
            assertThat(planted.statusCode()).as("a refused session attribute: the login page, not a 500").isEqualTo(302);
            assertThat(planted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
    }

    private static String logIn(PasserelleInstance replica, String user) {
        return ScreenSession.logIn(replica.port(), user);
    }

    private static HttpResponse<String> get(PasserelleInstance replica, String path, String cookie) {
        return ScreenSession.get(replica.port(), path, cookie);
    }

    private static HttpResponse<String> post(PasserelleInstance replica, String path, String cookie, String form) {
        return ScreenSession.post(replica.port(), path, cookie, form);
    }

    private static byte[] serialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

}
