package com.securecart.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.securecart.server.config.DemoSettings;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.Chromium;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The shop and the dashboard in a real browser (headless Chromium): what a shopper and an admin do,
 * start to finish. Screenshots of every page visited go to {@code target/screenshots/<test>/}.
 */
class StorefrontBrowserIT {
  private static TestApp app;
  private static Api api;
  private static String admin;

  @BeforeAll
  static void start() {
    Chromium.requireChromium();
    app = TestApp.start(Engine.H2, c -> c.withDemo(DemoSettings.generated(400)));
    api = app.api();
    admin = app.adminToken();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aGuestFindsAMisspelledProductBuysTwoAndSeesTheOrderConfirmedThenTheAdminFindsTheEmail(
      TestInfo test) {
    long id = product("AURORA-1", "Aurora Wireless Headphones", "Aurora", 8_900, 20);
    try (Chromium browser = Chromium.open(api.base(), name(test))) {
      WebDriver d = browser.driver();
      browser.open("/");
      browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("featured-h")));
      browser.shot("home");

      WebElement search = d.findElement(By.id("q"));
      search.sendKeys("auror");
      browser.await(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("suggestions"), "Aurora Wireless Headphones"));
      browser.shot("suggestions");

      search.clear();
      search.sendKeys("aurura headphnes", Keys.ENTER);
      browser.await(ExpectedConditions.urlContains("/search?q="));
      browser.shot("search-misspelled");
      WebElement hit =
          browser.await(
              ExpectedConditions.elementToBeClickable(
                  By.partialLinkText("Aurora Wireless Headphones")));
      hit.click();

      browser.await(ExpectedConditions.urlContains("/products/" + id));
      browser.await(ExpectedConditions.attributeToBe(By.id("stock"), "data-live-bound", "1"));
      browser.shot("product");
      WebElement quantity = d.findElement(By.id("quantity"));
      quantity.clear();
      quantity.sendKeys("2");
      d.findElement(By.id("add-to-cart")).click();

      browser.await(ExpectedConditions.urlContains("/cart"));
      assertThat(d.findElement(By.tagName("tfoot")).getText()).contains("Subtotal (2 items)");
      browser.shot("cart");
      d.findElement(By.id("go-checkout")).click();

      browser.await(ExpectedConditions.urlContains("/checkout"));
      fill(
          d,
          Map.of(
              "email",
              "ada@example.com",
              "name",
              "Ada Lovelace",
              "line1",
              "1 Main Street",
              "postalCode",
              "10115",
              "city",
              "Berlin",
              "country",
              "DE"));
      d.findElement(By.cssSelector("input[name=paymentToken][value=tok_visa]")).click();
      browser.shot("checkout");
      d.findElement(By.id("place-order")).click();

      browser.await(ExpectedConditions.urlMatches("/orders/\\d+$"));
      browser.await(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("#order-status [data-status=CONFIRMED]")));
      assertThat(d.findElement(By.id("order-status")).getText()).contains("Confirmed");
      String number = d.findElement(By.tagName("h1")).getText().replace("Order ", "");
      assertThat(d.getPageSource()).contains("Aurora Wireless Headphones");
      browser.shot("order-confirmed");

      d.manage().deleteAllCookies();
      browser.signIn(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
      browser.open("/admin/orders");
      browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), number));
      browser.shot("admin-orders");
      browser.await(
          driver -> {
            browser.open("/admin/mail");
            return driver.findElements(By.partialLinkText(number)).isEmpty() ? null : true;
          });
      browser.shot("admin-mailbox");
      d.findElement(By.partialLinkText(number)).click();
      browser.await(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.className("mail-frame")));
      browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), number));
      assertThat(d.findElement(By.tagName("body")).getText())
          .contains("Thank you for your order")
          .contains("Aurora Wireless Headphones");
      d.switchTo().defaultContent();
      browser.shot("admin-mail-message");

      browser.open("/admin/ops");
      // The charts draw once two samples (two seconds) are in.
      browser.await(
          ExpectedConditions.attributeToBeNotEmpty(d.findElement(By.id("ops")), "data-samples"));
      browser.await(
          driver ->
              Integer.parseInt(driver.findElement(By.id("ops")).getDomAttribute("data-samples"))
                  >= 2);
      browser.shot("admin-operations");
    }
  }

  @Test
  void aDeclinedCardShowsAClearMessageAndTheStockReturns(TestInfo test) {
    long id = product("COBALT-1", "Cobalt Desk Lamp", "Cobalt", 4_500, 5);
    try (Chromium browser = Chromium.open(api.base(), name(test))) {
      WebDriver d = browser.driver();
      browser.open("/products/" + id);
      browser.await(
          ExpectedConditions.attributeToBe(
              By.cssSelector("#stock [data-available]"), "data-available", "5"));
      WebElement quantity = d.findElement(By.id("quantity"));
      quantity.clear();
      quantity.sendKeys("2");
      d.findElement(By.id("add-to-cart")).click();
      browser.await(ExpectedConditions.urlContains("/cart"));
      d.findElement(By.id("go-checkout")).click();
      browser.await(ExpectedConditions.urlContains("/checkout"));
      fill(
          d,
          Map.of(
              "email",
              "grace@example.com",
              "name",
              "Grace Hopper",
              "line1",
              "2 Side Street",
              "postalCode",
              "SW1A 1AA",
              "city",
              "London",
              "country",
              "GB"));
      d.findElement(By.cssSelector("input[name=paymentToken][value=tok_chargeDeclined]")).click();
      browser.shot("checkout-declining-card");
      d.findElement(By.id("place-order")).click();

      browser.await(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("#order-status [data-status=PAYMENT_FAILED]")));
      String status = d.findElement(By.id("order-status")).getText();
      assertThat(status)
          .contains("Payment failed")
          .contains("declined")
          .contains("nothing was charged");
      browser.shot("order-payment-failed");

      browser.open("/products/" + id);
      browser.await(
          ExpectedConditions.attributeToBe(
              By.cssSelector("#stock [data-available]"), "data-available", "5"));
      browser.shot("product-stock-returned");
    }
  }

  @Test
  void anAdminsStockChangeShowsOnAnOpenProductPageWithoutAReload(TestInfo test) {
    long id = product("QUARTZ-1", "Quartz Wall Clock", "Quartz", 3_200, 40);
    try (Chromium browser = Chromium.open(api.base(), name(test))) {
      WebDriver d = browser.driver();
      browser.open("/products/" + id);
      browser.await(ExpectedConditions.attributeToBe(By.id("stock"), "data-live-bound", "1"));
      assertThat(d.findElement(By.id("stock")).getText()).contains("40 available");
      ((JavascriptExecutor) d).executeScript("window.__sameDocument = true;");
      browser.shot("product-before");
      String shopper = d.getWindowHandle();

      d.switchTo().newWindow(WindowType.TAB);
      browser.signIn(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
      browser.open("/admin/inventory");
      WebElement find = d.findElement(By.id("find-sku"));
      find.sendKeys("QUARTZ-1", Keys.ENTER);
      WebElement onHand =
          browser.await(ExpectedConditions.elementToBeClickable(By.id("on-hand-all-QUARTZ-1")));
      onHand.clear();
      onHand.sendKeys("3");
      d.findElement(By.cssSelector("#stock-all-QUARTZ-1 button[type=submit]")).click();
      browser.await(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("#stock-all-QUARTZ-1 .available"), "3"));
      browser.shot("admin-inventory-edited");

      d.switchTo().window(shopper);
      browser.await(
          ExpectedConditions.attributeToBe(
              By.cssSelector("#stock [data-available]"), "data-available", "3"));
      assertThat(d.findElement(By.id("stock")).getText()).contains("Only 3 left");
      assertThat(((JavascriptExecutor) d).executeScript("return window.__sameDocument === true;"))
          .as("the page was not reloaded")
          .isEqualTo(true);
      browser.shot("product-after-live-update");
    }
  }

  @Test
  void aCustomerCannotOpenAnotherCustomersOrderPage(TestInfo test) {
    long id = product("ONYX-1", "Onyx Notebook", "Onyx", 1_500, 10);
    String alice = api.newCustomer("alice@example.com");
    api.newCustomer("bob@example.com");
    String cart = api.cartWith(id, 1, Api.bearer(alice));
    Api.Response placed = api.checkout(cart, "tok_visa", Api.bearer(alice));
    assertThat(placed.status()).isEqualTo(201);
    long orderId = placed.json().get("orderId").asLong();
    String number = placed.json().get("orderNumber").asText();

    try (Chromium browser = Chromium.open(api.base(), name(test))) {
      WebDriver d = browser.driver();
      browser.signIn("bob@example.com", "correct horse battery");
      browser.open("/orders/" + orderId);
      assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
      assertThat(d.getPageSource()).doesNotContain(number).doesNotContain("alice@example.com");
      browser.shot("other-customers-order-not-found");

      d.findElement(By.id("sign-out")).click();
      browser.await(ExpectedConditions.presenceOfElementLocated(By.id("nav-signin")));
      browser.signIn("alice@example.com", "correct horse battery");
      browser.open("/orders/" + orderId);
      assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Order " + number);
      browser.shot("own-order");
    }
  }

  private static long product(String sku, String name, String brand, long cents, int stock) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sku", sku);
    body.put("name", name);
    body.put("description", "A " + name.toLowerCase() + " for the browser tests.");
    body.put("brand", brand);
    body.put("category", "Testing");
    body.put("priceCents", cents);
    body.put("currency", "EUR");
    body.put("stock", stock);
    Api.Response created = api.post("/api/admin/products", body, Api.bearer(admin));
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    // The search index follows the change log a moment later.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api.get("/api/search?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .body()
                    .contains("\"id\":" + id));
    return id;
  }

  private static void fill(WebDriver d, Map<String, String> fields) {
    fields.forEach(
        (name, value) -> {
          WebElement input = d.findElement(By.id("f-" + name));
          input.clear();
          input.sendKeys(value);
        });
  }

  private static String name(TestInfo test) {
    return test.getTestMethod().map(m -> m.getName()).orElse("test");
  }
}
