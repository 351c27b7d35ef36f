package org.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Api.ok;
import static org.passerelle.testsupport.Api.reason;
import static org.passerelle.testsupport.Problems.assertProblem;
import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiCaller;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.ControlPlaneViaApi;
import org.passerelle.testsupport.HandlerInventory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;

/**
 * Who may call what: every endpoint × every role, plus anonymous. Allowed callers get a 2xx (the state is
 * prepared through the API so the call is legal); an unauthenticated call gets a 401 problem, a wrong role a
 * 403 problem, and a refused call changes nothing. The table must list every /api handler Spring serves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RoleMatrixTest {

    private static final Set<Role> READERS = EnumSet.of(Role.OPS, Role.AUDITOR);
    private static final Set<Role> OPS_ONLY = EnumSet.of(Role.OPS);
    private static final Set<Role> ANY_ROLE = EnumSet.allOf(Role.class);
    private static final Set<Role> SCHEDULER_ONLY = EnumSet.of(Role.SCHEDULER);
    private static final Set<Role> CASHIER_ONLY = EnumSet.of(Role.CASHIER);
    private static final String APPOINTMENT = "{\"patientPhone\":\"06 12 34 56 78\",\"start\":\"2099-01-05T10:00:00+01:00\","
            + "\"siteCode\":\"PONTCHAILLOU\"}";

    private static void bookAppointment(Api api) {
        api.as(SCHEDULER).put("/api/appointments/ROLE-MATRIX", APPOINTMENT);
    }
    private static final String ALL_CHANNELS = "{\"channels\":[\"sms\",\"payments\",\"scheduling\"],\"reason\":\"role matrix\"}";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    ControlPlaneViaApi controlPlane;

    /**
     * One endpoint of the table.
     *
     * @param pattern  the path as Spring maps it, for the completeness check
     * @param isPublic anonymous callers are let through too
     * @param before   run as ops before an allowed call, so the call is legal in the state it finds
     * @param after    run as ops after an allowed call, to return to the baseline
     */
    record Row(String method, String pattern, String path, String body, Set<Role> allowed, boolean isPublic,
               Consumer<Api> before, Consumer<Api> after, int expectedStatus, Map<String, String> headers) {

        Row(String method, String pattern, String path, String body, Set<Role> allowed, boolean isPublic,
            Consumer<Api> before, Consumer<Api> after) {
            this(method, pattern, path, body, allowed, isPublic, before, after, 0, Map.of());
        }

        Row before(Consumer<Api> setup) {
            return new Row(method, pattern, path, body, allowed, isPublic, setup, after, expectedStatus, headers);
        }

        Row after(Consumer<Api> cleanup) {
            return new Row(method, pattern, path, body, allowed, isPublic, before, cleanup, expectedStatus, headers);
        }

        /** The right role reaches the handler, which answers this (e.g. 404 for an id that does not exist). */
        Row answering(int status) {
            return new Row(method, pattern, path, body, allowed, isPublic, before, after, status, headers);
        }

        Row withHeader(String name, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Row(method, pattern, path, body, allowed, isPublic, before, after, expectedStatus, Map.copyOf(all));
        }

        String operation() {
            return method + " " + pattern;
        }

        boolean writes() {
            return !method.equals("GET");
        }
    }

    static Row row(String method, String pattern, String path, String body, Set<Role> allowed) {
        return new Row(method, pattern, path, body, allowed, false, a -> { }, a -> { });
    }

    static Row publicRow(String method, String path) {
        return new Row(method, path, path, null, ANY_ROLE, true, a -> { }, a -> { });
    }

    static List<Row> table() {
        return List.of(
                row("GET", "/api/channels", "/api/channels", null, READERS),
                row("GET", "/api/channels/{id}", "/api/channels/sms", null, READERS),
                row("POST", "/api/channels/{id}/suspend", "/api/channels/sms/suspend", reason("role matrix"), OPS_ONLY)
                        .after(a -> ok(a.as(OPS).post("/api/channels/sms/resume", reason("matrix cleanup")))),
                row("POST", "/api/channels/{id}/resume", "/api/channels/payments/resume", reason("role matrix"), OPS_ONLY)
                        .before(a -> ok(a.as(OPS).post("/api/channels/payments/suspend", reason("matrix setup")))),
                row("POST", "/api/channels/{id}/breaker", "/api/channels/sms/breaker",
                        "{\"action\":\"FORCE_OPEN\",\"reason\":\"role matrix\"}", OPS_ONLY)
                        .after(a -> ok(a.as(OPS).post("/api/channels/sms/breaker", "{\"action\":\"RESET\",\"reason\":\"matrix cleanup\"}"))),
                row("POST", "/api/incident/isolate", "/api/incident/isolate", reason("role matrix"), OPS_ONLY)
                        .after(a -> ok(a.as(OPS).post("/api/incident/restore", ALL_CHANNELS))),
                row("POST", "/api/incident/restore", "/api/incident/restore", ALL_CHANNELS, OPS_ONLY)
                        .before(a -> ok(a.as(OPS).post("/api/incident/isolate", reason("matrix setup")))),
                row("GET", "/api/incident/reopenings", "/api/incident/reopenings", null, OPS_ONLY),
                // four-eyes is off in this context: no request exists, so the right role reaches a 409
                row("POST", "/api/incident/reopenings/{id}/approve", "/api/incident/reopenings/999999/approve",
                        reason("role matrix"), OPS_ONLY).answering(409),
                row("GET", "/api/audit", "/api/audit?channel=sms&page=0&size=5", null, READERS),
                // outside /api: probes, metrics and the API description
                publicRow("GET", "/actuator/health/liveness"),
                publicRow("GET", "/actuator/health/readiness"),
                row("GET", "/actuator/prometheus", "/actuator/prometheus", null, READERS),
                row("GET", "/v3/api-docs", "/v3/api-docs", null, ANY_ROLE),
                row("PUT", "/api/appointments/{id}", "/api/appointments/ROLE-MATRIX", APPOINTMENT, SCHEDULER_ONLY),
                row("GET", "/api/appointments/{id}", "/api/appointments/ROLE-MATRIX", null, SCHEDULER_ONLY)
                        .before(RoleMatrixTest::bookAppointment),
                row("DELETE", "/api/appointments/{id}", "/api/appointments/ROLE-MATRIX", null, SCHEDULER_ONLY)
                        .before(RoleMatrixTest::bookAppointment),
                row("POST", "/api/payments", "/api/payments",
                        "{\"terminalId\":\"ROLE-MATRIX\",\"amountMinor\":1234,\"reference\":\"FAC-ROLE-MATRIX\"}", CASHIER_ONLY)
                        .withHeader("Idempotency-Key", "role-matrix-{unique}"),
                row("GET", "/api/payments/{id}", "/api/payments/00000000-0000-0000-0000-000000000000", null, CASHIER_ONLY)
                        .answering(404),
                row("POST", "/api/payments/{id}/cancel", "/api/payments/00000000-0000-0000-0000-000000000000/cancel", null,
                        CASHIER_ONLY).answering(404),
                row("POST", "/api/payments/{id}/refunds", "/api/payments/00000000-0000-0000-0000-000000000000/refunds",
                        "{\"amountMinor\":100}", CASHIER_ONLY).withHeader("Idempotency-Key", "role-matrix-{unique}").answering(404),
                row("GET", "/api/payments/reconciliation", "/api/payments/reconciliation?date=2026-11-28", null,
                        EnumSet.of(Role.CASHIER, Role.AUDITOR)));
    }

    @BeforeEach
    void baseline() {
        api = Api.onPort(port);
        controlPlane = new ControlPlaneViaApi(api);
        controlPlane.reset();
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryCaller() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : table()) {
            tests.add(DynamicTest.dynamicTest(row.operation() + " as anonymous", () -> anonymous(row)));
            for (Role role : Role.values()) {
                String user = role.name().toLowerCase(Locale.ROOT);
                tests.add(DynamicTest.dynamicTest(row.operation() + " as " + user, () -> asRole(row, role, user)));
            }
        }
        return tests.stream();
    }

    private void anonymous(Row row) {
        if (row.isPublic()) {
            ok(call(row, api.anonymous()));
            return;
        }
        String before = controlPlane.summary();
        long auditBefore = controlPlane.auditCount();
        ApiResponse reply = call(row, api.anonymous());
        assertProblem(reply, 401, "unauthenticated");
        assertThat(reply.header("WWW-Authenticate")).as(reply.describe()).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
        assertUnchanged(row, before, auditBefore);
    }

    private void asRole(Row row, Role role, String user) {
        if (row.allowed().contains(role)) {
            row.before().accept(api);
            ApiResponse reply = call(row, api.as(testUserOf(role)));
            if (row.expectedStatus() == 0) {
                ok(reply);
            } else {
                assertThat(reply.status()).as(reply.describe()).isEqualTo(row.expectedStatus());
            }
            row.after().accept(api);
            return;
        }
        String before = controlPlane.summary();
        long auditBefore = controlPlane.auditCount();
        ApiResponse reply = call(row, api.as(testUserOf(role)));
        assertProblem(reply, 403, "forbidden");
        assertUnchanged(row, before, auditBefore);
    }

    private static org.passerelle.testsupport.Role testUserOf(Role role) {
        return org.passerelle.testsupport.Role.valueOf(role.name());
    }

    private ApiResponse call(Row row, ApiCaller caller) {
        ApiCaller withHeaders = caller;
        for (Map.Entry<String, String> header : row.headers().entrySet()) {
            withHeaders = withHeaders.header(header.getKey(),
                    header.getValue().replace("{unique}", java.util.UUID.randomUUID().toString()));
        }
        return withHeaders.send(row.method(), row.path(), row.body() == null ? null : "application/json", row.body());
    }

    private void assertUnchanged(Row row, String stateBefore, long auditBefore) {
        if (row.writes()) {
            assertThat(controlPlane.summary()).as("a refused %s changed the control plane", row.operation()).isEqualTo(stateBefore);
            assertThat(controlPlane.auditCount()).as("a refused %s wrote an audit entry", row.operation()).isEqualTo(auditBefore);
        }
    }

    @Test
    void wrongPasswordOrUnknownUserIsUnauthenticated() {
        for (ApiCaller bad : List.of(api.withCredentials("ops", "wrong"), api.withCredentials("ops", ""),
                api.withCredentials("auditor", "ops"), api.withCredentials("nobody", "nobody"))) {
            ApiResponse read = bad.get("/api/channels");
            assertProblem(read, 401, "unauthenticated");
            ApiResponse write = bad.post("/api/channels/sms/suspend", reason("bad credentials"));
            assertProblem(write, 401, "unauthenticated");
        }
        assertThat(controlPlane.state("sms")).isEqualTo("ACTIVE");
    }

    @Test
    void configuredPasswordHashIsKeptAfterLogin() {
        String configured = context.getBean(SecurityProperties.class).users().stream()
                .filter(u -> u.username().equals("auditor")).findFirst().orElseThrow().password();
        ok(api.as(AUDITOR).get("/api/channels"));
        ok(api.as(AUDITOR).get("/api/channels"));
        assertThat(context.getBean(UserDetailsService.class).loadUserByUsername("auditor").getPassword())
                .as("no silent re-hash at another bcrypt cost on login")
                .isEqualTo(configured);
    }

    @Test
    void tableCoversEveryApiHandlerAndNothingElse() {
        Set<String> served = HandlerInventory.apiOperations(context);
        Set<String> inTable = table().stream()
                .map(Row::operation)
                .filter(op -> op.contains(" /api/"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(served).as("the /api handlers Spring serves").isNotEmpty();
        assertThat(inTable)
                .as("role matrix rows vs. /api handler methods (add a row for every new endpoint)")
                .containsExactlyInAnyOrderElementsOf(served);
    }
}
