package com.securecart.server.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver: nothing is downloaded. Without
 * them a browser test is skipped with a message, except in CI ({@code CI=true}), where it fails.
 * Every page a test looks at can be saved under {@code target/screenshots/<test>/NN-name.png}.
 */
public final class Chromium implements AutoCloseable {
  public static final String BINARY = "/usr/bin/chromium";
  public static final String DRIVER = "/usr/bin/chromedriver";

  private final ChromeDriver driver;
  private final String base;
  private final Path screenshots;
  private int shots;

  private Chromium(String base, String test) {
    this.base = base;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 1000));
    this.screenshots = Path.of("target", "screenshots", test);
    try {
      Files.createDirectories(screenshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A browser for one test, or the test is skipped (locally) or failed (CI) without Chromium. */
  public static Chromium open(String base, String test) {
    requireChromium();
    return new Chromium(base, test);
  }

  public static void requireChromium() {
    boolean present = Files.isExecutable(Path.of(BINARY)) && Files.isExecutable(Path.of(DRIVER));
    if (present) {
      System.setProperty("webdriver.chrome.driver", DRIVER);
      return;
    }
    String message =
        "browser tests need "
            + BINARY
            + " and "
            + DRIVER
            + " (apt-get install -y chromium chromium-driver)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(message + "; CI=true, so this fails instead of skipping");
    }
    Assumptions.abort(message + ": skipping");
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String path) {
    driver.get(base + path);
  }

  public <T> T await(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** Signs in through the sign-in page and waits until the page shows the sign-out button. */
  public void signIn(String email, String password) {
    if (email.equals(TestApp.ADMIN_EMAIL)) {
      staffSignIn(email, password);
      return;
    }
    open("/signin");
    driver.findElement(org.openqa.selenium.By.id("f-email")).sendKeys(email);
    driver.findElement(org.openqa.selenium.By.id("f-password")).sendKeys(password);
    driver.findElement(org.openqa.selenium.By.id("signin-submit")).click();
    await(
        org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
            org.openqa.selenium.By.id("sign-out")));
  }

  /** The test admin signs in as staff do: /admin/login, then the next TOTP code. */
  private void staffSignIn(String email, String password) {
    open("/admin/login");
    driver.findElement(org.openqa.selenium.By.id("f-email")).sendKeys(email);
    driver.findElement(org.openqa.selenium.By.id("f-password")).sendKeys(password);
    driver.findElement(org.openqa.selenium.By.id("signin-submit")).click();
    await(
        org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
            org.openqa.selenium.By.id("f-code")));
    driver
        .findElement(org.openqa.selenium.By.id("f-code"))
        .sendKeys(
            Totp.next(base + "|" + email, TestApp.ADMIN_TOTP_SECRET, java.time.Clock.systemUTC()));
    driver.findElement(org.openqa.selenium.By.id("code-submit")).click();
    await(
        org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
            org.openqa.selenium.By.id("sign-out")));
  }

  /** Saves what the browser shows now as {@code NN-name.png}; returns the file. */
  public Path shot(String name) {
    Path file = screenshots.resolve(String.format("%02d-%s.png", ++shots, name));
    try {
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          file,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
