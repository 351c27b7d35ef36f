package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.Role;
import org.passerelle.testsupport.browser.Browser;
import org.passerelle.testsupport.browser.LoginPage;
import org.passerelle.testsupport.terminal.Behaviour;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The cashier screen in a real Chromium against the real application and the real test terminal backend, which
 * approves, declines, holds the card prompt or loses its answer as each test scripts it. Each test has its own
 * terminal, so a payment left in doubt on one never locks another test's terminal. Screenshots of the main states
 * go to target/screenshots/ (copies in docs/screenshots/).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // a card prompt a person can answer; the recovery rule wants not-found-after beyond it
        "passerelle.payments.backend.read-timeout=20s",
        "passerelle.payments.recovery.not-found-after=30s",
        "passerelle.cashier.terminals[0].id=CASH-KEYS", "passerelle.cashier.terminals[0].label=Caisse clavier",
        "passerelle.cashier.terminals[1].id=CASH-APPROVE", "passerelle.cashier.terminals[1].label=Caisse 1",
        "passerelle.cashier.terminals[2].id=CASH-DECLINE", "passerelle.cashier.terminals[2].label=Caisse 2",
        "passerelle.cashier.terminals[3].id=CASH-PROMPT", "passerelle.cashier.terminals[3].label=Caisse 3",
        "passerelle.cashier.terminals[4].id=CASH-DOUBT", "passerelle.cashier.terminals[4].label=Caisse 4",
        "passerelle.cashier.terminals[5].id=CASH-REFUND", "passerelle.cashier.terminals[5].label=Caisse 5",
        "passerelle.cashier.terminals[6].id=CASH-DOUBLE", "passerelle.cashier.terminals[6].label=Caisse 6",
        "passerelle.cashier.terminals[7].id=CASH-SUSPEND", "passerelle.cashier.terminals[7].label=Caisse 7",
        "passerelle.cashier.terminals[8].id=CASH-INPUT", "passerelle.cashier.terminals[8].label=Caisse 8",
        "passerelle.cashier.terminals[9].id=CASH-EN", "passerelle.cashier.terminals[9].label=Desk 9"})
@ActiveProfiles("test")
class CashierScreenTest {

    static final FakeTerminalBackend BACKEND = FakeTerminalBackend.started();
    static final String UNAVAILABLE = "Paiement par carte indisponible : proposer espèces ou chèque";
    static final String IN_DOUBT = "Ne pas encaisser à nouveau : le paiement est en cours de vérification";

    @DynamicPropertySource
    static void terminalBackend(DynamicPropertyRegistry registry) {
        registry.add("passerelle.payments.backend.url", BACKEND::url);
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void cleanSlate() {
        BACKEND.reset();
        Api.onPort(port).as(Role.OPS).post("/api/channels/payments/breaker",
                "{\"action\":\"RESET\",\"reason\":\"clean slate for the next test\"}");
    }

    @AfterEach
    void paymentsBackOn() {
        Api.onPort(port).as(Role.OPS).post("/api/channels/payments/resume", "{\"reason\":\"end of the test\"}");
    }

    @Test
    void aCashierTakesAnApprovedPaymentThenADeclinedOne() {
        BACKEND.on("CASH-APPROVE", Behaviour.APPROVE);
        BACKEND.on("CASH-DECLINE", Behaviour.DECLINE);
        try (Browser browser = Browser.open(port)) {
            CashierPage page = CashierPage.open(browser);
            assertThat(page.availability()).isEqualTo("Paiement par carte disponible.");
            assertThat(page.startEnabled()).isTrue();
            page.fill("CASH-APPROVE", "42,50", "FAC-2026-0042");
            browser.screenshot("cashier-idle");

            page.start().awaitState("Accepté");
            assertThat(page.message()).isEqualTo("Paiement accepté.");
            assertThat(page.badgeClass()).contains("badge-ok");
            assertThat(browser.text("payment-amount")).isEqualTo("42,50 €");
            assertThat(browser.text("payment-reference")).isEqualTo("FAC-2026-0042");
            assertThat(page.visible("refund")).isTrue();
            assertThat(page.visible("cancel")).isFalse();
            // the card is the terminal's business: nothing of it reaches the screen
            assertThat(browser.driver().getPageSource()).doesNotContain("******", "497010");
            browser.screenshot("cashier-approved");
            assertThat(BACKEND.count("Payment", "CASH-APPROVE")).isEqualTo(1);

            page.newPayment().fill("CASH-DECLINE", "12.30", "FAC-2026-0043").start().awaitState("Refusé");
            assertThat(page.message()).isEqualTo("Paiement refusé : proposer un autre moyen de paiement.");
            assertThat(page.badgeClass()).contains("badge-bad");
            assertThat(page.visible("refund")).isFalse();
            browser.screenshot("cashier-declined");
            assertThat(BACKEND.count("Payment", "CASH-DECLINE")).isEqualTo(1);
        }
    }

    @Test
    void aWrongAmountOrACardNumberAsReferenceIsExplainedAndStartsNothing() {
        try (Browser browser = Browser.open(port)) {
            CashierPage page = CashierPage.open(browser);
            page.fill("CASH-INPUT", "42,505", "FAC-2026-0044").start();
            browser.until(d -> d.findElement(By.id("amount-error")).getText().equals("Deux décimales au plus (les centimes)."));
            page.fill("CASH-INPUT", "-5", "FAC-2026-0044").start();
            browser.until(d -> d.findElement(By.id("amount-error")).getText().startsWith("Montant illisible"));
            page.fill("CASH-INPUT", "60000", "4970 1012 3456 7893").start();
            browser.until(d -> d.findElement(By.id("reference-error")).getText().contains("ressemble à un numéro de carte"));
            assertThat(browser.text("amount-error")).isEqualTo("Montant trop élevé : 50\u202f000,00 € au plus par paiement.");
            assertThat(browser.byId("amount").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(BACKEND.count("Payment", "CASH-INPUT")).isZero();
        }
    }

    @Test
    void aCashierCancelsWhileTheCardPromptIsOpen() {
        BACKEND.on("CASH-PROMPT", Behaviour.WAIT_FOR_ABORT);
        try (Browser browser = Browser.open(port)) {
            CashierPage page = CashierPage.open(browser);
            page.fill("CASH-PROMPT", "30,00", "FAC-2026-0045").start().awaitState("En cours sur le terminal");
            assertThat(page.message()).isEqualTo("Le terminal attend la carte du patient.");
            assertThat(page.badgeClass()).contains("badge-warn");
            assertThat(page.visible("new-payment")).isFalse();
            browser.screenshot("cashier-in-progress");

            page.click("cancel").awaitState("Annulé");
            assertThat(page.message()).isEqualTo("Paiement annulé : rien n'a été débité.");
            assertThat(BACKEND.count("Abort", "CASH-PROMPT")).isEqualTo(1);
            assertThat(page.visible("new-payment")).isTrue();
        }
    }

    @Test
    void suspendedPaymentsShowBeforeTheCashierStartsAndComeBackWithoutReload() {
        try (Browser browser = Browser.open(port)) {
            CashierPage page = CashierPage.open(browser);
            page.fill("CASH-SUSPEND", "18,00", "FAC-2026-0046");
            assertThat(page.startEnabled()).isTrue();

            Api.ok(Api.onPort(port).as(Role.OPS).post("/api/channels/payments/suspend",
                    "{\"reason\":\"terminal backend under investigation\"}"));
            page.awaitAvailability(false);
            assertThat(page.availability()).isEqualTo(UNAVAILABLE);
            assertThat(browser.text("availability-badge")).isEqualTo("Indisponible");
            assertThat(browser.text("availability-detail")).startsWith("L'exploitation a suspendu les paiements par carte");
            assertThat(page.startEnabled()).isFalse();
            browser.screenshot("cashier-unavailable");
            // pressing Enter in a field does not get round the disabled button
            browser.byId("reference").sendKeys(Keys.ENTER);
            assertThat(browser.byId("payment").isDisplayed()).isFalse();

            Api.ok(Api.onPort(port).as(Role.OPS).post("/api/channels/payments/resume", "{\"reason\":\"all clear\"}"));
            page.awaitAvailability(true);
            assertThat(page.startEnabled()).isTrue();

            // the breaker refuses calls: the same warning, with its own reason
            Api.ok(Api.onPort(port).as(Role.OPS).post("/api/channels/payments/breaker",
                    "{\"action\":\"FORCE_OPEN\",\"reason\":\"terminal provider maintenance\"}"));
            page.awaitAvailability(false);
            assertThat(page.availability()).isEqualTo(UNAVAILABLE);
            assertThat(browser.text("availability-detail")).startsWith("Le service des terminaux de paiement ne répond plus");
            assertThat(page.startEnabled()).isFalse();
            Api.ok(Api.onPort(port).as(Role.OPS).post("/api/channels/payments/breaker",
                    "{\"action\":\"RESET\",\"reason\":\"maintenance over\"}"));
            page.awaitAvailability(true);
            assertThat(BACKEND.count("Payment", "CASH-SUSPEND")).isZero();
        }
    }

    @Test
    void aPaymentInDoubtSaysNotToChargeAgainUntilRecoveryTells() {
        BACKEND.on("CASH-DOUBT", Behaviour.APPROVE_THEN_DROP);
        BACKEND.statusMode(FakeTerminalBackend.StatusMode.ALWAYS_IN_PROGRESS);
        try (Browser browser = Browser.open(port)) {
            CashierPage page = CashierPage.open(browser);
            page.fill("CASH-DOUBT", "64,20", "FAC-2026-0047").start().awaitState("En vérification");
            assertThat(page.message()).isEqualTo(IN_DOUBT);
            assertThat(page.next()).contains("Passerelle l'interroge automatiquement", "Ne relancez pas le paiement");
            assertThat(page.badgeClass()).contains("badge-warn");
            assertThat(page.visible("new-payment")).isFalse();
            browser.screenshot("cashier-in-doubt");

            // the backend answers TransactionStatus again: the screen shows the outcome without a reload
            BACKEND.statusMode(FakeTerminalBackend.StatusMode.NORMAL);
            page.awaitState("Accepté");
            assertThat(BACKEND.count("Payment", "CASH-DOUBT")).isEqualTo(1);
        }
    }

    @Test
    void aCashierRefundsAnApprovedPayment() {
        BACKEND.on("CASH-REFUND", Behaviour.APPROVE);
        try (Browser browser = Browser.open(port)) {
            CashierPage page = CashierPage.open(browser);
            page.fill("CASH-REFUND", "20", "FAC-2026-0048").start().awaitState("Accepté");
            page.click("refund");
            assertThat(browser.byId("refund-dialog").isDisplayed()).isTrue();
            assertThat(browser.text("refund-dialog-amount")).isEqualTo("20,00 €");
            page.click("refund-confirm").awaitState("Remboursé");
            assertThat(page.message()).isEqualTo("Paiement intégralement remboursé.");
            assertThat(browser.text("refund-result")).isEqualTo("Remboursement de 20,00 € effectué sur la carte.");
            assertThat(page.visible("refund")).isFalse();
            assertThat(BACKEND.count("Reversal", "CASH-REFUND")).isEqualTo(1);
        }
    }

    @Test
    void aDoubleClickAReloadOrTwoRequestsAtOnceStartOnePayment() {
        BACKEND.on("CASH-DOUBLE", Behaviour.APPROVE_SLOWLY);
        BACKEND.slowMillis = 2_000;
        try (Browser browser = Browser.open(port)) {
            CashierPage page = CashierPage.open(browser);
            page.fill("CASH-DOUBLE", "15,00", "FAC-2026-0049");
            browser.script("const b = document.getElementById('start'); b.click(); b.click();"
                    + "document.getElementById('payment-form').requestSubmit(); arguments[arguments.length - 1](true);");
            page.awaitState("En cours sur le terminal");
            String id = browser.text("payment-id");

            browser.driver().navigate().refresh(); // the page comes back on the payment, and starts nothing
            page.awaitState("Accepté");
            assertThat(browser.text("payment-id")).isEqualTo(id);

            // past the page's own guard: two requests at once from this session carry the session's key
            Object ids = browser.script("""
                    const done = arguments[arguments.length - 1];
                    const token = document.querySelector('meta[name=_csrf]').content;
                    const header = document.querySelector('meta[name=_csrf_header]').content;
                    const send = () => fetch('/cashier/payments', {method: 'POST', headers: {'Content-Type': 'application/json',
                        'Accept': 'application/json', [header]: token},
                        body: JSON.stringify({terminalId: 'CASH-DOUBLE', amount: '15,00', reference: 'FAC-2026-0049'})})
                        .then(r => r.json());
                    Promise.all([send(), send()]).then(a => done(a.map(p => p.id).join(',')));
                    """);
            assertThat(ids).isEqualTo(id + "," + id);
        }
        assertThat(BACKEND.count("Payment", "CASH-DOUBLE")).isEqualTo(1);
    }

    @Test
    void theScreenSpeaksEnglishWhenAskedTo() {
        BACKEND.on("CASH-EN", Behaviour.APPROVE);
        try (Browser browser = Browser.open(port, "en-GB")) {
            CashierPage page = CashierPage.open(browser);
            assertThat(page.availability()).isEqualTo("Card payments available.");
            assertThat(browser.text("start")).isEqualTo("Start the payment");
            page.fill("CASH-EN", "7.5", "FAC-2026-0052").start().awaitState("Approved");
            assertThat(page.message()).isEqualTo("Payment approved.");
            assertThat(browser.text("payment-amount")).isEqualTo("7.50 €");
        }
    }

    @Test
    void onlyACashierOpensTheCashierScreenAndACashierCannotOpenTheConsole() {
        try (Browser browser = Browser.open(port)) {
            for (String user : new String[] {"ops", "auditor", "scheduler"}) {
                LoginPage.as(browser, user);
                browser.go("/cashier");
                assertThat(browser.text("denied-title")).as(user).isEqualTo("Accès refusé");
                assertThat(browser.text("denied-role")).isEqualTo("Votre rôle ne permet pas d'ouvrir cette page.");
                assertThat(browser.present(By.id("start"))).isFalse();
                browser.byId("logout").click();
                browser.until(d -> d.getCurrentUrl().contains("/login"));
            }
            CashierPage.open(browser);
            browser.go("/ops");
            assertThat(browser.text("denied-title")).isEqualTo("Accès refusé");
            assertThat(browser.present(By.id("start"))).isFalse();
        }
        ApiResponse asOps = Api.onPort(port).as(Role.OPS).get("/cashier/availability");
        assertThat(asOps.status()).as("HTTP Basic opens no screen").isNotEqualTo(200);
    }

    @Test
    void theKeyboardAloneReachesEveryCashierAction() {
        BACKEND.on("CASH-KEYS", Behaviour.WAIT_FOR_ABORT);
        try (Browser browser = Browser.open(port)) {
            CashierPage page = CashierPage.open(browser);
            browser.tabTo("terminal"); // the first terminal of the list is chosen already
            browser.tabTo("amount").sendKeys("9,90");
            browser.tabTo("reference").sendKeys("FAC-2026-0050");
            browser.tabTo("start");
            browser.press(Keys.ENTER);
            page.awaitState("En cours sur le terminal");

            browser.tabTo("cancel");
            browser.press(Keys.ENTER);
            page.awaitState("Annulé");
            browser.tabTo("new-payment");
            browser.press(Keys.ENTER);
            browser.until(d -> "amount".equals(browser.focused().getAttribute("id")));

            BACKEND.on("CASH-KEYS", Behaviour.APPROVE);
            browser.press("9,90");
            browser.tabTo("reference").sendKeys("FAC-2026-0051", Keys.ENTER); // Enter in a field submits the form
            page.awaitState("Accepté");
            browser.tabTo("refund");
            browser.press(Keys.ENTER);
            browser.until(d -> "refund-dismiss".equals(browser.focused().getAttribute("id")));
            browser.press(Keys.ENTER); // second thoughts: the dialog closes, nothing refunded
            browser.until(d -> "refund".equals(browser.focused().getAttribute("id")));
            assertThat(BACKEND.count("Reversal", "CASH-KEYS")).isZero();
            browser.press(Keys.ENTER);
            browser.tabTo("refund-confirm");
            browser.press(Keys.ENTER);
            page.awaitState("Remboursé");
            browser.tabTo("new-payment");
            browser.tabTo("logout");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> BACKEND.count("Reversal", "CASH-KEYS") == 1);
    }
}
