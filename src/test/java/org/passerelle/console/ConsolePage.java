package org.passerelle.console;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.passerelle.testsupport.browser.Browser;

/** The ops console as a user sees it: cards, action buttons, the confirmation dialog, the restore flow. */
final class ConsolePage {

    final Browser browser;

    ConsolePage(Browser browser) {
        this.browser = browser;
    }

    static ConsolePage open(Browser browser) {
        browser.go("/ops");
        ConsolePage page = new ConsolePage(browser);
        page.waitUntilLoaded();
        return page;
    }

    void waitUntilLoaded() {
        browser.until(d -> !d.findElement(By.id("updated-at")).getText().equals("…"));
    }

    String state(String channel) {
        return browser.text(channel + "-state");
    }

    String breaker(String channel) {
        return browser.text(channel + "-breaker");
    }

    void waitForState(String channel, String label) {
        browser.until(d -> label.equals(d.findElement(By.id(channel + "-state")).getText()));
    }

    List<WebElement> actionButtons() {
        return browser.driver().findElements(By.cssSelector("button[data-action]"));
    }

    /** Clicks an action button and waits for its confirmation dialog. */
    ConsolePage press(String buttonId) {
        browser.byId(buttonId).click();
        waitForDialog();
        return this;
    }

    void waitForDialog() {
        browser.until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed()
                && !d.findElement(By.id("confirm-consequence")).getText().isEmpty());
    }

    boolean dialogOpen() {
        return browser.byId("confirm-dialog").isDisplayed();
    }

    String dialogTitle() {
        return browser.text("confirm-title");
    }

    String consequence() {
        return browser.text("confirm-consequence");
    }

    /** Types the reason and confirms; waits until the dialog closes (or shows a refusal). */
    ConsolePage confirm(String reason) {
        browser.byId("confirm-reason").sendKeys(reason);
        browser.byId("confirm-ok").click();
        browser.until(d -> !d.findElement(By.id("confirm-dialog")).isDisplayed()
                || d.findElement(By.id("confirm-error")).isDisplayed());
        return this;
    }

    String dialogError() {
        return browser.text("confirm-error");
    }

    void cancel() {
        browser.byId("confirm-cancel").click();
    }

    String statusLine() {
        return browser.until(d -> {
            String text = d.findElement(By.id("status-line")).getText();
            return text.isEmpty() ? null : text;
        });
    }

    /** The keyboard path: Tab to the button, open with {@code key}, type the reason, Tab to confirm, Enter. */
    ConsolePage operateByKeyboard(String buttonId, CharSequence key, String reason) {
        browser.tabTo(buttonId);
        browser.press(key);
        waitForDialog();
        browser.press(reason);
        browser.tabTo("confirm-ok");
        browser.press(Keys.ENTER);
        browser.until(d -> !d.findElement(By.id("confirm-dialog")).isDisplayed());
        return this;
    }
}
