package org.passerelle.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.Role;
import org.passerelle.testsupport.browser.Browser;
import org.passerelle.testsupport.browser.LoginPage;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Isolate everything, then bring SMS back alone under the four-eyes rule: ops asks, cannot approve their own
 * request, a second ops user approves it in another browser session; the incident report shows both steps, in the
 * page and in the JSON and CSV downloads. The JSON API obeys the same rule.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passerelle.channels.four-eyes-restore=true")
@ActiveProfiles("test")
class FourEyesRestoreBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void isolateAllThenRestoreSmsOnlyWithASecondOpsUsersApprovalAndReportIt() throws Exception {
        long incident;
        try (Browser ops = Browser.open(port); Browser second = Browser.open(port)) {
            LoginPage.as(ops, Role.OPS.user());
            ConsolePage console = ConsolePage.open(ops);
            assertThat(ops.byId("four-eyes-note").isDisplayed()).isTrue();

            console.press("isolate-all");
            assertThat(console.dialogTitle()).isEqualTo("Isoler tout l'hôpital ?");
            assertThat(console.consequence()).startsWith("Tout s'arrête : aucun rappel SMS ne part (");
            console.confirm("rançongiciel suspecté, consigne du RSSI");
            assertThat(console.statusLine()).isEqualTo("Tous les canaux sont isolés.");
            for (String c : new String[] {"sms", "payments", "scheduling"}) {
                console.waitForState(c, "Isolé");
            }
            assertThat(ops.byId("restore-flow").isDisplayed()).isTrue();
            assertThat(ops.text("incident-banner")).contains("isolé par ops", "rançongiciel suspecté");

            console.press("restore-sms");
            assertThat(console.dialogTitle()).isEqualTo("Remettre en service SMS (rappels) ?");
            assertThat(console.consequence()).startsWith("Seul le canal SMS (rappels) repart ; les autres restent isolés. "
                    + "Les rappels SMS repartent : ");
            assertThat(ops.text("confirm-four-eyes")).startsWith("Quatre yeux");
            ops.screenshot("restore-flow");
            console.confirm("SMSC vérifié sain, mots de passe changés");
            assertThat(console.statusLine()).matches("Demande n° \\d+ \\(SMS \\(rappels\\)\\) enregistrée : un second utilisateur d'exploitation doit l'approuver\\.");
            console.waitForState("sms", "Isolé");
            String approveId = ops.until(d -> d.findElements(By.cssSelector("#pending-list button[data-action=APPROVE]"))
                    .stream().findFirst().map(b -> b.getAttribute("id")).orElse(null));

            // the requester cannot approve their own request
            console.press(approveId);
            console.confirm("je valide moi-même");
            assertThat(console.dialogError()).isEqualTo("Quatre yeux : ops a fait cette demande et ne peut pas l'approuver ; "
                    + "un autre utilisateur d'exploitation doit le faire.");
            console.cancel();
            console.waitForState("sms", "Isolé");

            LoginPage.as(second, "ops2");
            ConsolePage approver = ConsolePage.open(second);
            second.until(d -> !d.findElements(By.id(approveId)).isEmpty());
            approver.press(approveId);
            assertThat(approver.consequence()).contains("Demandée par ops : « SMSC vérifié sain, mots de passe changés ».");
            second.screenshot("four-eyes-approval");
            approver.confirm("contrôle fait, d'accord");
            approver.waitForState("sms", "Actif");
            assertThat(approver.state("payments")).isEqualTo("Isolé");
            assertThat(approver.state("scheduling")).isEqualTo("Isolé");
            console.waitForState("sms", "Actif");

            incident = Api.onPort(port).as(Role.OPS).get("/api/channels/sms").json().path("incidentId").asLong();
            ops.go("/ops/incidents");
            ops.byId("incident-link-" + incident).click();
            String timeline = ops.text("timeline");
            assertThat(timeline).contains("Isolement", "rançongiciel suspecté, consigne du RSSI",
                    "Remise en service demandée (quatre yeux)", "SMSC vérifié sain, mots de passe changés");
            assertThat(ops.driver().findElements(By.cssSelector("#timeline tbody tr")))
                    .anySatisfy(row -> assertThat(row.getText()).contains("Remise en service", "SMS (rappels)", "ops", "ops2"));
            assertThat(ops.text("held-work")).contains("Isolement", "Remise en service");
            ops.screenshot("incident-report");

            String json = (String) ops.script(fetchText(), "/ops/incidents/" + incident + "/report.json");
            JsonNode report = new ObjectMapper().readTree(json);
            assertThat(report.path("openedBy").asText()).isEqualTo("ops");
            assertThat(report.path("timeline").findValuesAsText("action")).contains("ISOLATE", "REOPEN_REQUESTED", "RESTORE");
            assertThat(report.path("timeline").findValuesAsText("approvedBy")).contains("ops2");
            String csv = (String) ops.script(fetchText(), "/ops/incidents/" + incident + "/report.csv");
            assertThat(csv).startsWith(IncidentReportCsv.HEADER)
                    .contains("\"timeline\"", "\"ISOLATE\"", "\"REOPEN_REQUESTED\"", "\"RESTORE\"", "\"ops2\"",
                            "\"SMSC vérifié sain, mots de passe changés\"", "\"payments_left_in_doubt\"");
        }

        // the JSON API obeys the same rule: a restore waits (202), the requester cannot approve, another ops user can
        Api api = Api.onPort(port);
        ApiResponse asked = api.as(Role.OPS).post("/api/incident/restore",
                "{\"channels\":[\"payments\",\"scheduling\"],\"reason\":\"terminaux vérifiés\"}");
        assertThat(asked.status()).isEqualTo(202);
        long request = asked.json().path("pendingApproval").path("id").asLong();
        assertThat(api.as(Role.OPS).get("/api/channels/payments").json().path("state").asText()).isEqualTo("ISOLATED");
        assertThat(api.as(Role.OPS).post("/api/incident/reopenings/" + request + "/approve", Api.reason("moi")).status()).isEqualTo(409);
        ApiResponse approved = api.withCredentials("ops2", "ops2").post("/api/incident/reopenings/" + request + "/approve", Api.reason("ok"));
        assertThat(approved.status()).isEqualTo(200);
        assertThat(api.as(Role.OPS).get("/api/channels/payments").json().path("state").asText()).isEqualTo("ACTIVE");
        assertThat(api.as(Role.OPS).get("/api/channels/scheduling").json().path("state").asText()).isEqualTo("ACTIVE");
        assertThat(api.as(Role.OPS).get("/api/audit?action=RESTORE&actor=ops").json().path("items").findValuesAsText("approvedBy"))
                .containsOnly("ops2");
        assertThat(incident).isPositive();
    }

    @Test
    void aChannelSuspendedOutOfIsolationStillNeedsTheSecondUserToResume() {
        Api api = Api.onPort(port);
        assertThat(api.as(Role.OPS).post("/api/incident/isolate", Api.reason("exercice")).status()).isEqualTo(200);
        assertThat(api.as(Role.OPS).post("/api/channels/sms/suspend", Api.reason("sortie de l'isolement par suspension")).status())
                .isEqualTo(200);
        ApiResponse resume = api.as(Role.OPS).post("/api/channels/sms/resume", Api.reason("reprise"));
        assertThat(resume.status()).isEqualTo(202);
        assertThat(api.as(Role.OPS).get("/api/channels/sms").json().path("state").asText()).isEqualTo("SUSPENDED");
        long request = resume.json().path("pendingApproval").path("id").asLong();
        assertThat(api.withCredentials("ops2", "ops2").post("/api/incident/reopenings/" + request + "/approve", Api.reason("ok")).status())
                .isEqualTo(200);
        assertThat(api.as(Role.OPS).get("/api/channels/sms").json().path("state").asText()).isEqualTo("ACTIVE");
        for (String c : new String[] {"payments", "scheduling"}) {
            ApiResponse asked = api.as(Role.OPS).post("/api/incident/restore", "{\"channels\":[\"" + c + "\"],\"reason\":\"fin\"}");
            api.withCredentials("ops2", "ops2").post("/api/incident/reopenings/" + asked.json().path("pendingApproval").path("id").asLong()
                    + "/approve", Api.reason("ok"));
        }
        assertThat(api.as(Role.OPS).get("/api/channels/scheduling").json().path("state").asText()).isEqualTo("ACTIVE");
    }

    private static String fetchText() {
        return """
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done);""";
    }
}
