package com.securecart.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.config.DemoSettings;
import com.securecart.server.testing.Accessibility;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.Chromium;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An accessibility audit of every kind of page, as shopper, customer and admin see them, with
 * Deque's axe-core against WCAG 2.x A and AA: no serious or critical violation on any of them.
 */
class AccessibilityBrowserIT {
  private static final Set<String> BLOCKING = Set.of("serious", "critical");

  private static TestApp app;
  private static Api api;
  private static String admin;

  @BeforeAll
  static void start() {
    Chromium.requireChromium();
    app = TestApp.start(Engine.H2, c -> c.withDemo(DemoSettings.generated(60)));
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
  void everyKindOfPageHasNoSeriousOrCriticalViolation() {
    long product = api.createProduct(admin, "A11Y-1", 2_500, 10);
    String customer = api.newCustomer("a11y@example.com");
    long order = api.buyConfirmed(customer, product, 1);
    Map<String, List<Accessibility.Violation>> found = new LinkedHashMap<>();
    try (Chromium browser = Chromium.open(api.base(), "accessibility")) {
      WebDriver d = browser.driver();
      for (String path :
          List.of(
              "/",
              "/search?q=headphones",
              "/search?q=zzzzqx",
              "/products/" + product,
              "/signin",
              "/signup",
              "/account/forgot",
              "/account/check-inbox",
              "/account/reset?token=a-token-from-a-mail",
              "/account/verify?token=a-token-from-a-mail",
              "/no-such-page")) {
        audit(browser, path, found);
      }
      browser.open("/products/" + product);
      d.findElement(By.cssSelector("form[action='/cart/items'] button[type=submit]")).click();
      browser.await(ExpectedConditions.urlContains("/cart"));
      audit(browser, "/cart", found);
      audit(browser, "/checkout", found);

      browser.signIn("a11y@example.com", "correct horse battery");
      audit(browser, "/account/orders", found);
      audit(browser, "/account", found);
      audit(browser, "/orders/" + order, found);
      browser.open("/");
      d.findElement(By.id("sign-out")).click();
      // Signed out only once the page that follows shows the sign-in link again.
      browser.await(ExpectedConditions.presenceOfElementLocated(By.id("nav-signin")));

      browser.signIn(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
      api.post("/api/admin/analytics/nightly", null, Api.bearer(admin));
      for (String path :
          List.of(
              "/admin/orders",
              "/admin/orders/" + order,
              "/admin/products",
              "/admin/products/new",
              "/admin/products/" + product + "/edit",
              "/admin/inventory",
              "/admin/mail",
              "/admin/analytics",
              "/admin/audit",
              "/admin/ops")) {
        audit(browser, path, found);
      }
    }
    List<String> report = new ArrayList<>();
    found.forEach((path, violations) -> violations.forEach(v -> report.add(path + ": " + v)));
    assertThat(found).as("pages audited").hasSizeGreaterThanOrEqualTo(20);
    assertThat(report).isEmpty();
  }

  @Test
  void theAuditFindsWhatItLooksFor() {
    try (Chromium browser = Chromium.open(api.base(), "accessibility-control")) {
      // A page with an image without a text alternative and a button without a name.
      browser
          .driver()
          .get(
              "data:text/html,<!doctype html><html lang=en><title>t</title><main>"
                  + "<img src=x.png><button></button></main></html>");
      assertThat(Accessibility.audit(browser.driver(), BLOCKING))
          .extracting(Accessibility.Violation::rule)
          .contains("image-alt", "button-name");
    }
  }

  private static void audit(
      Chromium browser, String path, Map<String, List<Accessibility.Violation>> found) {
    browser.open(path);
    browser.await(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
    found.put(path, Accessibility.audit(browser.driver(), BLOCKING));
    // The lesser findings are printed, not failed: they are for a person to judge.
    Accessibility.audit(browser.driver(), Set.of("moderate", "minor"))
        .forEach(v -> System.out.println("accessibility, " + path + ": " + v));
  }
}
