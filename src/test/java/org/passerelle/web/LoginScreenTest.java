package org.passerelle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.Role;
import org.passerelle.testsupport.browser.Browser;
import org.passerelle.testsupport.browser.LoginPage;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The login page in a real Chromium: what a user sees, and what a forged or stale form gets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LoginScreenTest {

    @LocalServerPort
    int port;

    @Test
    void badCredentialsGetAClearMessageAndGoodOnesOpenTheConsole() {
        try (Browser browser = Browser.open(port)) {
            LoginPage login = LoginPage.open(browser);
            assertThat(browser.driver().findElement(org.openqa.selenium.By.tagName("h1")).getText()).isEqualTo("Connexion");
            browser.screenshot("login");
            login.submit("ops", "not-the-password");
            assertThat(login.error()).isEqualTo("Identifiant ou mot de passe incorrect. Vérifiez la saisie et réessayez.");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/login?error");

            login.submit("ops", "ops");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/ops");
            assertThat(browser.text("current-user")).isEqualTo("ops");
            assertThat(browser.text("current-role")).isEqualTo("Exploitation");

            browser.byId("logout").click();
            assertThat(browser.text("login-logout")).isEqualTo("Vous êtes déconnecté.");
            browser.go("/ops");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
        }
    }

    @Test
    void loggingInGivesANewSessionIdSoAPlantedOneIsWorthless() {
        try (Browser browser = Browser.open(port)) {
            LoginPage login = LoginPage.open(browser);
            String before = browser.driver().manage().getCookieNamed("PASSERELLE_SESSION").getValue();
            login.submit("ops", "ops");
            org.openqa.selenium.Cookie after = browser.driver().manage().getCookieNamed("PASSERELLE_SESSION");
            assertThat(after.getValue()).isNotEqualTo(before);
            assertThat(after.isHttpOnly()).isTrue();
            assertThat(after.getSameSite()).isEqualTo("Lax");
        }
    }

    @Test
    void theLanguageSwitchAndTheBrowsersLanguageChooseTheTexts() {
        try (Browser english = Browser.open(port, "en-GB")) {
            LoginPage.open(english);
            assertThat(english.byId("login-submit").getText()).isEqualTo("Log in");
            english.driver().findElement(org.openqa.selenium.By.cssSelector("a[hreflang=fr]")).click();
            assertThat(english.byId("login-submit").getText()).isEqualTo("Se connecter");
            LoginPage.open(english); // the choice is kept
            assertThat(english.byId("login-submit").getText()).isEqualTo("Se connecter");
        }
    }

    @Test
    void aCashierCannotOpenTheConsoleAndGetsAPageNotAStackTrace() {
        try (Browser browser = Browser.open(port)) {
            LoginPage.as(browser, Role.CASHIER.user());
            browser.go("/ops");
            assertThat(browser.text("denied-title")).isEqualTo("Accès refusé");
            assertThat(browser.text("denied-role")).isEqualTo("Votre rôle ne permet pas d'ouvrir cette page.");
            assertThat(browser.driver().getPageSource()).doesNotContain("Exception", "at org.");
        }
    }

    @Test
    void aLoginFormPostedWithoutItsCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("username=ops&password=ops")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("Le formulaire a expiré");
        assertThat(forged.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void screensAreNeverCachedAndTheApiStaysStatelessBasic() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");

        ApiResponse api = Api.onPort(port).as(Role.OPS).get("/api/channels");
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.header("Set-Cookie")).isEmpty();
        assertThat(Api.onPort(port).anonymous().get("/api/channels").status()).isEqualTo(401);
    }
}
