package org.passerelle.testsupport.browser;

import org.openqa.selenium.By;

/** The login page every screen starts from. */
public final class LoginPage {

    private final Browser browser;

    public LoginPage(Browser browser) {
        this.browser = browser;
    }

    public static LoginPage open(Browser browser) {
        browser.go("/login");
        return new LoginPage(browser);
    }

    /** Types the credentials and submits; the browser then shows wherever Passerelle sent it. */
    public Browser submit(String user, String password) {
        browser.byId("username").clear();
        browser.byId("username").sendKeys(user);
        browser.byId("password").sendKeys(password);
        browser.byId("login-submit").click();
        browser.until(d -> !d.getCurrentUrl().endsWith("/login"));
        return browser;
    }

    /** Logs in a test user (password = user name, as in application-test.yml). */
    public static Browser as(Browser browser, String user) {
        return open(browser).submit(user, user);
    }

    public boolean showsError() {
        return browser.present(By.id("login-error"));
    }

    public String error() {
        return browser.text("login-error");
    }
}
