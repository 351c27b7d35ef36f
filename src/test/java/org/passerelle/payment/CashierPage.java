package org.passerelle.payment;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.passerelle.testsupport.browser.Browser;
import org.passerelle.testsupport.browser.LoginPage;

/** The cashier screen as a cashier uses it: pick a terminal, type an amount and a reference, start, watch. */
final class CashierPage {

    private final Browser browser;

    private CashierPage(Browser browser) {
        this.browser = browser;
    }

    /** Logs the cashier in; the login lands on the cashier screen. */
    static CashierPage open(Browser browser) {
        LoginPage.as(browser, "cashier");
        browser.until(d -> d.getCurrentUrl().endsWith("/cashier"));
        CashierPage page = new CashierPage(browser);
        page.awaitAvailability(true);
        return page;
    }

    Browser browser() {
        return browser;
    }

    CashierPage fill(String terminal, String amount, String reference) {
        new Select(browser.byId("terminal")).selectByValue(terminal);
        type("amount", amount);
        type("reference", reference);
        return this;
    }

    private void type(String id, String text) {
        WebElement field = browser.byId(id);
        field.clear();
        field.sendKeys(text);
    }

    CashierPage start() {
        browser.byId("start").click();
        return this;
    }

    /** Waits until the payment's badge reads {@code label} (the state as a word) and returns the page. */
    CashierPage awaitState(String label) {
        browser.until(d -> label.equals(d.findElement(By.id("payment-state")).getText()));
        return this;
    }

    String state() {
        return browser.text("payment-state");
    }

    String badgeClass() {
        return browser.byId("payment-state").getAttribute("class");
    }

    String message() {
        return browser.text("payment-message");
    }

    String next() {
        return browser.text("payment-next");
    }

    boolean visible(String id) {
        return browser.byId(id).isDisplayed();
    }

    CashierPage click(String id) {
        browser.until(d -> d.findElement(By.id(id)).isDisplayed() && d.findElement(By.id(id)).isEnabled());
        browser.byId(id).click();
        return this;
    }

    CashierPage newPayment() {
        click("new-payment");
        browser.until(d -> d.findElement(By.id("payment-form")).isDisplayed());
        return this;
    }

    /** Waits until the availability notice says card payments are (not) available. */
    CashierPage awaitAvailability(boolean available) {
        browser.until(d -> String.valueOf(available).equals(d.findElement(By.id("availability")).getAttribute("data-available")));
        return this;
    }

    String availability() {
        return browser.text("availability-message");
    }

    boolean startEnabled() {
        return browser.byId("start").isEnabled();
    }
}
