package com.securecart.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestClassTest {
  @ParameterizedTest
  @CsvSource({
    "POST, /api/checkout, CHECKOUT",
    "GET, /checkout, CHECKOUT",
    "POST, /checkout, CHECKOUT",
    "POST, /api/payments/stripe/webhook, CHECKOUT",
    "POST, /api/carts, CART",
    "PUT, /api/carts/abc/items/7, CART",
    "GET, /cart, CART",
    "POST, /cart/items/7, CART",
    "POST, /api/auth/login, CART",
    "POST, /signin, CART",
    "GET, /api/orders/12, CART",
    "GET, /orders/12, CART",
    "GET, /account/orders, CART",
    "GET, /, BROWSE",
    "GET, /search, BROWSE",
    "GET, /api/search, BROWSE",
    "GET, /api/search/suggest, BROWSE",
    "GET, /products/5, BROWSE",
    "GET, /api/products, BROWSE",
    "GET, /api/categories, BROWSE",
    "GET, /no/such/page, BROWSE",
    "GET, /cartography, BROWSE",
    "GET, /api/admin/orders, ADMIN",
    "GET, /admin/ops, ADMIN",
    "POST, /admin/inventory/SKU-1, ADMIN"
  })
  void classifiesEachRouteByWhatItIsWorth(String method, String path, Priority expected) {
    assertThat(RequestClass.priority(method, path)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /health/live",
    "GET, /health/ready",
    "GET, /static/abc123/app.css",
    "GET, /openapi.yaml",
    "GET, /admin/metrics",
    "GET, /orders/12/events",
    "GET, /products/5/stock/events"
  })
  void neverShedsHealthAssetsScrapesOrEventStreams(String method, String path) {
    assertThat(RequestClass.priority(method, path)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "POST, /api/auth/login, LOGIN",
    "POST, /signin, LOGIN",
    "POST, /admin/login, LOGIN",
    "POST, /admin/login/code, LOGIN",
    "POST, /api/auth/step-up, LOGIN",
    "POST, /api/auth/register, REGISTRATION",
    "POST, /signup, REGISTRATION",
    // What checks a password or a mailed token is a sign-in; what sends a mail, a registration.
    "POST, /api/auth/password, LOGIN",
    "POST, /account/password, LOGIN",
    "POST, /api/auth/password-reset/confirm, LOGIN",
    "POST, /account/reset, LOGIN",
    "POST, /api/auth/verify-email, LOGIN",
    "POST, /account/verify, LOGIN",
    "POST, /api/auth/password-reset, REGISTRATION",
    "POST, /account/forgot, REGISTRATION",
    "POST, /api/auth/verify-email/resend, REGISTRATION",
    "POST, /account/verify/resend, REGISTRATION",
    "POST, /api/checkout, CHECKOUT",
    "POST, /checkout, CHECKOUT",
    "GET, /api/search, SEARCH",
    "GET, /api/search/suggest, SEARCH",
    "GET, /search, SEARCH",
    "GET, /search/suggest, SEARCH"
  })
  void rateLimitsLoginRegistrationCheckoutAndSearch(
      String method, String path, RequestClass.Rule expected) {
    assertThat(RequestClass.rule(method, path)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"GET, /signin", "GET, /checkout", "GET, /api/products", "POST, /api/carts"})
  void leavesOtherRoutesUnlimited(String method, String path) {
    assertThat(RequestClass.rule(method, path)).isEqualTo(Optional.empty());
  }
}
