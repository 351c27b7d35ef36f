package org.passerelle.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.AppointmentBody.appointment;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.component.smpp.SmppConstants;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.passerelle.scheduling.ReminderQueue;
import org.passerelle.sms.SmsInbound;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.MllpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a stolen database dump gives without the keys: nothing. Appointments are booked over REST and HL7 (and a
 * patient replies STOP), the whole database is read back, every column of every table as text, and no value may
 * contain a booked number in any form a brute force would try, nor its SHA-256, SHA-1 or MD5 (hex or base64), nor
 * the former content hash; then the appointments end, the purge runs, and the dump is searched again, with every
 * value derived from the numbers gone (opt-outs, keyed, excepted by design).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "passerelle.privacy.purge-after=0s")
@ActiveProfiles("test")
@DirtiesContext
class DatabaseDumpTest {

    private static final int MLLP_PORT = freePort();
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Numbers as a scheduler types them, with the E.164 each one is. */
    private static final Map<String, String> REST_NUMBERS = Map.of(
            "06 12 34 56 78", "+33612345678", "+33 7 81 23 45 67", "+33781234567", "0692.65.43.21", "+262692654321");
    private static final Map<String, String> HL7_NUMBERS = Map.of("0698765432", "+33698765432");
    private static final String STOP_NUMBER = "+33612345678";

    @DynamicPropertySource
    static void mllpPort(DynamicPropertyRegistry registry) {
        registry.add("passerelle.hl7.port", () -> MLLP_PORT);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReminderQueue queue;
    @Autowired
    SmsInbound inbound;
    @Autowired
    CamelContext camel;

    @Test
    void noStoredValueMatchesAHashOfAnyFormOfABookedNumberBeforeOrAfterThePurge() {
        Api api = Api.onPort(port);
        api.as(OPS).post("/api/channels/sms/suspend", "{\"reason\":\"dump test: nothing leaves\"}");
        Instant start = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        List<String> contentHashes = new ArrayList<>();
        int n = 0;
        for (String typed : REST_NUMBERS.keySet()) {
            String id = "DUMP-REST-" + n++;
            assertThat(api.as(SCHEDULER).put("/api/appointments/" + id, appointment(typed, start, "PONTCHAILLOU")).status()).isEqualTo(201);
            contentHashes.add(formerContentHash(id, typed, start));
        }
        for (String typed : HL7_NUMBERS.keySet()) {
            try (MllpClient client = new MllpClient(MLLP_PORT)) {
                assertThat(client.send(siu("DUMP-HL7-1", typed, start))).contains("MSA|AA");
            }
            contentHashes.add(formerContentHash("DUMP-HL7-1", typed, start));
        }
        stop(STOP_NUMBER);

        Set<String> forbidden = forbiddenValues(contentHashes);
        assertThat(jdbc.sql("select count(*) from appointment where phone_enc is not null and phone_hash is not null")
                .query(Long.class).single()).as("the numbers are there, under their keys").isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from sms_opt_out").query(Long.class).single()).isEqualTo(1);
        assertNoStoredValueHolds(forbidden);

        // the appointments end: moved into the past, then the purge (purge-after=0s)
        Instant past = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        n = 0;
        for (String typed : REST_NUMBERS.keySet()) {
            assertThat(api.as(SCHEDULER).put("/api/appointments/DUMP-REST-" + n++, appointment(typed, past, "PONTCHAILLOU")).status())
                    .isEqualTo(200);
        }
        try (MllpClient client = new MllpClient(MLLP_PORT)) {
            assertThat(client.send(siu("DUMP-HL7-1", HL7_NUMBERS.keySet().iterator().next(), past))).contains("MSA|AA");
        }
        queue.housekeep();
        assertThat(jdbc.sql("select count(*) from appointment where id like 'DUMP-%' and (phone_enc is not null "
                + "or phone_hash is not null or phone_reason is not null or phone_status <> 'PURGED')").query(Long.class).single())
                .as("the purge erases every value derived from the number").isZero();
        assertNoStoredValueHolds(forbidden);
    }

    /** Every column of every table of the application's schema, as text. */
    private void assertNoStoredValueHolds(Set<String> forbidden) {
        List<String> tables = jdbc.sql("select table_name from information_schema.tables "
                + "where lower(table_schema) = lower(current_schema) and table_type = 'BASE TABLE'").query(String.class).list();
        assertThat(tables).as("the dump covers every table that holds patient data")
                .anyMatch("appointment"::equalsIgnoreCase).anyMatch("sms_opt_out"::equalsIgnoreCase)
                .anyMatch("reminder"::equalsIgnoreCase).anyMatch("hl7_message"::equalsIgnoreCase);
        int cells = 0;
        for (String table : tables) {
            for (Map<String, Object> row : jdbc.sql("select * from \"" + table + "\"").query().listOfRows()) {
                for (Map.Entry<String, Object> cell : row.entrySet()) {
                    String value = String.valueOf(cell.getValue()).toLowerCase(Locale.ROOT);
                    cells++;
                    for (String f : forbidden) {
                        assertThat(value).as("%s.%s holds a candidate form or digest of a booked number", table, cell.getKey())
                                .doesNotContain(f);
                    }
                }
            }
        }
        assertThat(cells).isGreaterThan(100);
    }

    /**
     * What a brute force without the keys would compare a dump with: each number as typed, digits only, E.164 with and
     * without +, national 0X…, the national significant number; each of those, and the former content hashes.
     */
    private static Set<String> forbiddenValues(List<String> contentHashes) {
        Set<String> forms = new LinkedHashSet<>();
        Map<String, String> all = new java.util.HashMap<>(REST_NUMBERS);
        all.putAll(HL7_NUMBERS);
        all.forEach((typed, e164) -> {
            forms.add(typed);
            forms.add(typed.replaceAll("\\D", ""));
            forms.add(e164);
            forms.add(e164.substring(1));
            String nsn = e164.startsWith("+262") || e164.startsWith("+590") ? e164.substring(4) : e164.substring(3);
            forms.add("0" + nsn);
            forms.add(nsn);
        });
        Set<String> forbidden = new LinkedHashSet<>();
        for (String form : forms) {
            forbidden.add(form.toLowerCase(Locale.ROOT));
            for (String algorithm : List.of("SHA-256", "SHA-1", "MD5")) {
                byte[] digest = digest(algorithm, form);
                forbidden.add(HexFormat.of().formatHex(digest));
                forbidden.add(Base64.getEncoder().encodeToString(digest).toLowerCase(Locale.ROOT));
                forbidden.add(Base64.getEncoder().withoutPadding().encodeToString(digest).toLowerCase(Locale.ROOT));
            }
        }
        contentHashes.forEach(forbidden::add);
        return forbidden;
    }

    /** What V3 stored in appointment.content_hash (dropped by V5): the test fails if it ever comes back. */
    private static String formerContentHash(String id, String typed, Instant start) {
        return Digests.sha256Hex(String.join("\u0000", id, typed, start.toString(), "Europe/Paris", "PONTCHAILLOU", "true"));
    }

    private static byte[] digest(String algorithm, String value) {
        try {
            return MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stop(String e164) {
        DefaultExchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader(SmppConstants.MESSAGE_TYPE, "DeliverSm");
        exchange.getIn().setHeader(SmppConstants.SOURCE_ADDR, e164.substring(1));
        exchange.getIn().setHeader(SmppConstants.SOURCE_ADDR_TON, (byte) 1);
        exchange.getIn().setBody("STOP");
        try {
            inbound.handle(exchange);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String siu(String id, String mobile, Instant start) {
        String dtm = DateTimeFormatter.ofPattern("yyyyMMddHHmm").format(start.atZone(PARIS));
        return "MSH|^~\\&|DXCARE|CHU-RENNES|PASSERELLE|CHU-RENNES-SMS|20260101120000||SIU^S12^SIU_S12|" + id + "-" + dtm
                + "|P|2.5\r"
                + "SCH|" + id + "^DXCARE||||||||||^^^" + dtm + "\r"
                + "PID|1||123456^^^CHU^PI||KERHERVE^Maelys||19800101|F|||||^PRN^CP^^^^^^^^^" + mobile + "\r"
                + "RGS|1\r"
                + "AIL|1||PONTCHAILLOU^^^CHU\r";
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
