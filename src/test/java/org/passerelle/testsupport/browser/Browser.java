package org.passerelle.testsupport.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium, driven by Debian's chromedriver (both paths set explicitly: nothing is ever
 * downloaded), with a fresh profile, so each instance is one separate browser session (its own cookies). Close it
 * after use. {@code Browser.open(port)}, then page objects ({@link LoginPage}, the screens' own) drive it.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("passerelle.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("passerelle.chromedriver", "/usr/bin/chromedriver"));
    /** Where the tests' screenshots go; docs/screenshots/ holds copies of the main ones. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(int port, String language) {
        try {
            profile = Files.createTempDirectory("passerelle-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--window-size=1280,1000",
                "--lang=" + language, "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        base = "http://127.0.0.1:" + port;
    }

    /** A new browser session against Passerelle on {@code port}, asking for French pages (the staff's language). */
    public static Browser open(int port) {
        return new Browser(port, "fr-FR");
    }

    /** The same, with the browser's language set (its Accept-Language). */
    public static Browser open(int port, String language) {
        return new Browser(port, language);
    }

    public WebDriver driver() {
        return driver;
    }

    public String url(String path) {
        return base + path;
    }

    public Browser go(String path) {
        driver.get(url(path));
        return this;
    }

    public WebElement byId(String id) {
        return until(d -> d.findElement(By.id(id)));
    }

    public boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    public String text(String id) {
        return byId(id).getText();
    }

    /** Waits (10 s at most) until {@code condition} gives something other than null or false. */
    public <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition);
    }

    /** Presses keys on whatever has the focus, as a keyboard-only user does. */
    public Browser press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
        return this;
    }

    /** Tabs forward until the element with this id has the focus (at most 80 presses); fails otherwise. */
    public WebElement tabTo(String id) {
        for (int i = 0; i < 80; i++) {
            WebElement active = driver.switchTo().activeElement();
            if (id.equals(active.getAttribute("id"))) {
                return active;
            }
            press(Keys.TAB);
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Runs a script in the page (a forged request, for instance) and returns its result. */
    public Object script(String javascript, Object... args) {
        return driver.executeAsyncScript(javascript, args);
    }

    /** Saves a PNG of the page under target/screenshots/{name}.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
