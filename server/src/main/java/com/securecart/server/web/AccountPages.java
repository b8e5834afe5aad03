package com.securecart.server.web;

import com.securecart.audit.AuditApi;
import com.securecart.cart.CartApi;
import com.securecart.identity.IdentityApi;
import com.securecart.identity.Registration;
import com.securecart.identity.Session;
import com.securecart.identity.WeakPasswordException;
import com.securecart.orders.Order;
import com.securecart.orders.OrdersApi;
import com.securecart.server.http.RouteTable;
import com.securecart.server.security.SecurityEvents;
import com.securecart.shared.CartId;
import com.securecart.shared.DomainException;
import com.securecart.shared.OrderId;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import com.securecart.shared.Principal;
import com.securecart.shared.ProblemType;
import com.securecart.shared.ValidationException;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sign up, sign in, sign out and the customer's own orders. */
public final class AccountPages implements RouteTable.Api {
  /** The one answer to any failed sign-in: it never says which part was wrong. */
  static final String SIGN_IN_FAILED = "That e-mail and password do not match an account.";

  private static final int PAGE_SIZE = 20;

  private final Pages pages;
  private final IdentityApi identity;
  private final CartApi carts;
  private final OrdersApi orders;

  private final RecommendedCards recommended;

  private final AuditApi audit;

  public AccountPages(
      Pages pages,
      IdentityApi identity,
      CartApi carts,
      OrdersApi orders,
      RecommendedCards recommended,
      AuditApi audit) {
    this.recommended = recommended;
    this.audit = audit;
    this.pages = pages;
    this.identity = identity;
    this.carts = carts;
    this.orders = orders;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/signin", pages.get(this::signInForm))
        .post("/signin", pages.post(this::signIn))
        .get("/signup", pages.get(this::signUpForm))
        .post("/signup", pages.post(this::signUp))
        .post("/signout", pages.post(this::signOut))
        .get("/account/orders", pages.get(this::myOrders));
  }

  private void signInForm(WebRequest w, ServerResponse res) {
    String next = Pages.safeNext(w.query("next").orElse("/"));
    showSignIn(w, res, 200, "", next, null);
  }

  private void showSignIn(
      WebRequest w, ServerResponse res, int status, String email, String next, String error) {
    pages.render(
        w,
        res,
        status,
        "web/signin.jte",
        Map.of(
            "ctx",
            w.page("Sign in"),
            "email",
            email,
            "next",
            next,
            "error",
            Optional.ofNullable(error)));
  }

  private void signIn(WebRequest w, ServerResponse res) {
    String email = w.form().text("email").orElse("");
    String next = Pages.safeNext(w.form().get("next"));
    Session session;
    try {
      session = identity.login(email, Optional.ofNullable(w.form().get("password")).orElse(""));
    } catch (com.securecart.identity.AccountLockedException e) {
      SecurityEvents.signInRefused(w.req(), email, e);
      res.header(
          io.helidon.http.HeaderNames.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()));
      showSignIn(w, res, 429, email, next, e.detail());
      return;
    } catch (DomainException e) {
      SecurityEvents.signInRefused(w.req(), email, e);
      // A malformed e-mail, an unknown one and a wrong password all read the same. A staff
      // password was right, but staff sign in with their second factor on their own page.
      showSignIn(
          w,
          res,
          401,
          email,
          next,
          e.problemType() == ProblemType.MFA_REQUIRED
              ? "Staff accounts sign in at /admin/login."
              : SIGN_IN_FAILED);
      return;
    }
    SecurityEvents.signedIn(w.req(), session.principal(), audit);
    // The session this browser presented, if any, ends: a new sign-in gets a new token only.
    identity.logout(w.browser().sessionToken());
    startSession(w, res, session, next);
  }

  /** Sets the session cookie and moves a guest cart into the account's cart. */
  private void startSession(WebRequest w, ServerResponse res, Session session, String next) {
    Principal principal = session.principal();
    pages.sessions().signIn(res, w.browser(), session);
    Optional<CartId> merged = carts.mergeAtLogin(w.browser().cart(), principal);
    CartId cart = merged.orElseGet(() -> carts.open(Optional.of(principal)));
    pages.sessions().setCart(res, w.browser(), cart);
    pages.redirect(w, res, next);
  }

  private void signUpForm(WebRequest w, ServerResponse res) {
    showSignUp(w, res, 200, Map.of(), Map.of(), null);
  }

  private void showSignUp(
      WebRequest w,
      ServerResponse res,
      int status,
      Map<String, String> values,
      Map<String, String> errors,
      String message) {
    pages.render(
        w,
        res,
        status,
        "web/signup.jte",
        Map.of(
            "ctx",
            w.page("Create an account"),
            "values",
            values,
            "errors",
            errors,
            "message",
            Optional.ofNullable(message)));
  }

  private void signUp(WebRequest w, ServerResponse res) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("name", w.form().text("name").orElse(""));
    values.put("email", w.form().text("email").orElse(""));
    String password = Optional.ofNullable(w.form().get("password")).orElse("");
    try {
      identity.register(new Registration(values.get("email"), password, values.get("name")));
    } catch (ValidationException e) {
      showSignUp(w, res, 422, values, e.fieldErrors(), "Please correct the marked fields.");
      return;
    } catch (WeakPasswordException e) {
      showSignUp(
          w,
          res,
          422,
          values,
          Map.of("password", e.detail()),
          "Please choose a stronger password.");
      return;
    }
    // The same page whether the e-mail was new or had an account (its owner is mailed instead):
    // signing in here would tell which.
    pages.redirect(w, res, AccountSecurityPages.CHECK_INBOX);
  }

  private void signOut(WebRequest w, ServerResponse res) {
    // The account's recent orders: their access cookies (if this browser placed them) go too.
    List<OrderId> recent =
        w.browser()
            .principal()
            .map(
                me ->
                    orders.listOwn(me, new PageRequest(0, 100)).items().stream()
                        .map(Order::id)
                        .toList())
            .orElse(List.of());
    pages.sessions().signOut(res, w.browser(), recent);
    pages.redirect(w, res, "/");
  }

  private void myOrders(WebRequest w, ServerResponse res) {
    Principal me = Pages.signedIn(w);
    int page = w.pageNumber();
    Page<Order> list = orders.listOwn(me, new PageRequest(page, PAGE_SIZE));
    pages.render(
        w,
        res,
        "web/orders.jte",
        Map.of(
            "ctx",
            w.page("My orders"),
            "orders",
            list.items().stream()
                .map(o -> WebViews.OrderSummary.of(o, "/orders/" + o.id().value()))
                .toList(),
            "pager",
            WebViews.pager("/account/orders", Map.of(), page, PAGE_SIZE, list.total()),
            "recommended",
            recommended.forCustomer(me.customerId(), w.browser().sessionToken(), 4)));
  }
}
