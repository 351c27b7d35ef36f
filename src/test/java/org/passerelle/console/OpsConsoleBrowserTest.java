package org.passerelle.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.passerelle.scheduling.ReminderFigures;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.Role;
import org.passerelle.testsupport.browser.Browser;
import org.passerelle.testsupport.browser.LoginPage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The ops console in a real Chromium against the running application (four-eyes off, the default). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpsConsoleBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    ReminderFigures reminders;

    /** Back to the baseline other tests of this context expect: every channel active, breakers automatic. */
    @AfterEach
    void baseline() {
        Api api = Api.onPort(port);
        for (String c : List.of("sms", "payments", "scheduling")) {
            if (!api.as(Role.OPS).get("/api/channels/" + c).json().path("state").asText().equals("ACTIVE")) {
                api.as(Role.OPS).post("/api/channels/" + c + "/resume", Api.reason("test baseline"));
            }
        }
        for (String c : List.of("sms", "payments")) {
            api.as(Role.OPS).post("/api/channels/" + c + "/breaker", "{\"action\":\"RESET\",\"reason\":\"test baseline\"}");
        }
    }

    @Test
    void opsSuspendsSmsWithAReasonAndSeesTheStateAndTheAuditEntry() {
        for (int i = 1; i <= 3; i++) { // reminders waiting (their moment is days away), so the counts are not all zero
            assertThat(Api.onPort(port).as(Role.SCHEDULER).put("/api/appointments/CONSOLE-" + i + "-" + System.nanoTime(),
                    "{\"patientPhone\":\"06 12 34 56 7" + i + "\",\"start\":\"2099-01-05T10:00:00+01:00\",\"siteCode\":\"PONTCHAILLOU\"}")
                    .status()).isBetween(200, 201);
        }
        long waiting = reminders.waiting();
        assertThat(waiting).isGreaterThanOrEqualTo(3);
        try (Browser browser = Browser.open(port)) {
            LoginPage.as(browser, Role.OPS.user());
            ConsolePage console = ConsolePage.open(browser);
            assertThat(console.state("sms")).isEqualTo("Actif");
            assertThat(browser.text("sms-figures-waiting")).isEqualTo(Long.toString(waiting));
            browser.screenshot("console");

            console.press("sms-SUSPEND");
            assertThat(console.dialogTitle()).isEqualTo("Suspendre le canal SMS (rappels) ?");
            assertThat(console.consequence()).isEqualTo("Les rappels SMS ne partiront plus ; " + waiting + " rappels en attente patienteront.");
            browser.screenshot("confirmation-dialog");
            browser.byId("confirm-ok").click();
            assertThat(console.dialogError()).isEqualTo("Indiquez un motif.");
            console.confirm("maintenance SMSC opérateur");

            assertThat(console.statusLine()).isEqualTo("SMS (rappels) : suspendu.");
            console.waitForState("sms", "Suspendu");
            assertThat(browser.byId("sms-state").getAttribute("class")).contains("badge-warn");
            assertThat(browser.text("sms-change")).contains("ops", "maintenance SMSC opérateur");
            assertThat(browser.byId("sms-SUSPEND").isDisplayed()).isFalse();
            assertThat(browser.byId("sms-RESUME").isDisplayed()).isTrue();
            assertThat(Api.onPort(port).as(Role.OPS).get("/api/channels/sms").json().path("state").asText()).isEqualTo("SUSPENDED");

            browser.driver().findElement(By.linkText("Journal d'audit")).click();
            WebElement newest = browser.until(d -> d.findElement(By.cssSelector("#audit-table tbody tr")));
            assertThat(newest.getText()).contains("ops", "Suspension", "SMS (rappels)", "ACTIVE → SUSPENDED", "maintenance SMSC opérateur");
            new org.openqa.selenium.support.ui.Select(browser.byId("f-action")).selectByValue("SUSPEND");
            browser.byId("f-actor").sendKeys("ops");
            browser.byId("audit-filter").click();
            // the filter is a GET form: wait for the filtered page, not the one being left
            browser.until(d -> d.getCurrentUrl().contains("action=SUSPEND")
                    && !d.findElements(By.cssSelector("#audit-table tbody tr")).isEmpty());
            assertThat(browser.driver().findElements(By.cssSelector("#audit-table tbody tr")))
                    .isNotEmpty()
                    .allSatisfy(row -> assertThat(row.getText()).contains("Suspension"));
            browser.screenshot("audit");
        }
    }

    @Test
    void anAuditorSeesNoButtonAndAForgedPostFromTheAuditorsSessionIsRefused() {
        try (Browser browser = Browser.open(port)) {
            LoginPage.as(browser, Role.AUDITOR.user());
            ConsolePage console = ConsolePage.open(browser);
            assertThat(console.state("sms")).isEqualTo("Actif");
            assertThat(browser.text("read-only")).isEqualTo("Lecture seule : votre rôle permet de consulter, pas d'agir.");
            assertThat(browser.driver().findElements(By.cssSelector("main button"))).isEmpty();
            assertThat(browser.driver().findElements(By.id("confirm-dialog"))).isEmpty();

            // the auditor's own session and CSRF token: the role, not the token, refuses it
            Object status = browser.script("""
                    const done = arguments[arguments.length - 1];
                    Screens.postJson('/ops/actions', {action: 'SUSPEND', channel: 'sms', reason: 'forged'})
                        .then(r => done(r.status));""");
            assertThat(status).isEqualTo(403L);
            Object withoutToken = browser.script("""
                    const done = arguments[arguments.length - 1];
                    fetch('/ops/actions', {method: 'POST', headers: {'Content-Type': 'application/json'},
                        body: JSON.stringify({action: 'ISOLATE', reason: 'forged'})}).then(r => done(r.status));""");
            assertThat(withoutToken).isEqualTo(403L);
            assertThat(Api.onPort(port).as(Role.OPS).get("/api/channels/sms").json().path("state").asText()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefusedEvenForOps() {
        try (Browser browser = Browser.open(port)) {
            LoginPage.as(browser, Role.OPS.user());
            ConsolePage.open(browser);
            Object status = browser.script("""
                    const done = arguments[arguments.length - 1];
                    fetch('/ops/actions', {method: 'POST', headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
                        body: JSON.stringify({action: 'SUSPEND', channel: 'sms', reason: 'no token'})}).then(r => done(r.status));""");
            assertThat(status).isEqualTo(403L);
            assertThat(Api.onPort(port).as(Role.OPS).get("/api/channels/sms").json().path("state").asText()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void keyboardOnlyReachesAndOperatesEveryActionOfTheConsole() {
        try (Browser browser = Browser.open(port)) {
            LoginPage.as(browser, Role.OPS.user());
            ConsolePage console = ConsolePage.open(browser);

            // the skip link is the first stop and moves the focus to the content
            browser.press(Keys.TAB);
            assertThat(browser.focused().getText()).isEqualTo("Aller au contenu");

            List<String> visible = console.actionButtons().stream().filter(WebElement::isDisplayed)
                    .map(b -> b.getAttribute("id")).toList();
            assertThat(visible).contains("isolate-all", "sms-SUSPEND", "sms-FORCE_OPEN", "sms-FORCE_CLOSED", "sms-RESET",
                    "payments-SUSPEND", "payments-FORCE_OPEN", "payments-FORCE_CLOSED", "payments-RESET", "scheduling-SUSPEND");
            boolean space = false;
            for (String id : visible) {
                browser.tabTo(id);
                browser.press(space ? Keys.SPACE : Keys.ENTER);
                space = !space;
                console.waitForDialog();
                assertThat(console.dialogTitle()).isNotEmpty();
                assertThat(browser.focused().getAttribute("id")).isEqualTo("confirm-reason");
                browser.press(Keys.ESCAPE);
                browser.until(d -> !d.findElement(By.id("confirm-dialog")).isDisplayed());
                assertThat(browser.focused().getAttribute("id")).isEqualTo(id);
            }

            console.operateByKeyboard("sms-FORCE_OPEN", Keys.SPACE, "essai clavier");
            browser.until(d -> d.findElement(By.id("sms-breaker")).getText().equals("Disjoncteur forcé ouvert"));
            console.operateByKeyboard("sms-RESET", Keys.ENTER, "fin de l'essai clavier");
            browser.until(d -> d.findElement(By.id("sms-breaker")).getText().equals("Disjoncteur fermé (normal)"));
            console.operateByKeyboard("scheduling-SUSPEND", Keys.ENTER, "essai clavier");
            console.waitForState("scheduling", "Suspendu");
            console.operateByKeyboard("scheduling-RESUME", Keys.SPACE, "fin de l'essai clavier");
            console.waitForState("scheduling", "Actif");
        }
    }
}
