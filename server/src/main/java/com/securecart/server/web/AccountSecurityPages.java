package com.securecart.server.web;

import com.securecart.identity.IdentityApi;
import com.securecart.server.http.RouteTable;
import com.securecart.shared.DomainException;
import com.securecart.shared.Principal;
import com.securecart.shared.ValidationException;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account page (verification status, password change, sign out everywhere) and the pages the
 * account e-mails link to: forgotten password, reset and verification (docs/accounts.md). A link
 * opens a form and the form's POST uses the token, so that a mail scanner fetching the link uses
 * nothing up.
 */
public final class AccountSecurityPages implements RouteTable.Api {
  static final String CHECK_INBOX = "/account/check-inbox";

  private final Pages pages;
  private final IdentityApi identity;

  public AccountSecurityPages(Pages pages, IdentityApi identity) {
    this.pages = pages;
    this.identity = identity;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/account", pages.get(this::account))
        .post("/account/password", pages.post(this::changePassword))
        .post("/account/logout-all", pages.post(this::logoutAll))
        .post("/account/verify/resend", pages.post(this::resend))
        .get(CHECK_INBOX, pages.get(this::checkInbox))
        .get("/account/forgot", pages.get(this::forgotForm))
        .post("/account/forgot", pages.post(this::forgot))
        .get("/account/reset", pages.get(this::resetForm))
        .post("/account/reset", pages.post(this::reset))
        .get("/account/verify", pages.get(this::verifyForm))
        .post("/account/verify", pages.post(this::verify));
  }

  private void account(WebRequest w, ServerResponse res) {
    showAccount(w, res, 200, Pages.signedIn(w), null, null);
  }

  private void showAccount(
      WebRequest w, ServerResponse res, int status, Principal me, String notice, String error) {
    pages.render(
        w,
        res,
        status,
        "web/account.jte",
        Map.of(
            "ctx",
            w.page("My account"),
            "email",
            me.email(),
            "verified",
            me.emailVerified(),
            "notice",
            Optional.ofNullable(notice),
            "error",
            Optional.ofNullable(error)));
  }

  private void changePassword(WebRequest w, ServerResponse res) {
    Principal me = Pages.signedIn(w);
    try {
      identity.changePassword(
          me,
          w.browser().sessionToken(),
          w.form().get("currentPassword"),
          Optional.ofNullable(w.form().get("newPassword")).orElse(""));
    } catch (ValidationException e) {
      showAccount(w, res, 422, me, null, "The new password must be 8 to 128 characters.");
      return;
    } catch (DomainException e) {
      showAccount(w, res, Math.max(422, status(e)), me, null, e.detail());
      return;
    }
    showAccount(w, res, 200, me, "Password changed. Your other sessions were signed out.", null);
  }

  private void logoutAll(WebRequest w, ServerResponse res) {
    identity.logoutEverywhere(Pages.signedIn(w));
    pages.sessions().signOut(res, w.browser(), List.of());
    pages.redirect(w, res, "/");
  }

  private void resend(WebRequest w, ServerResponse res) {
    identity.resendVerification(Pages.signedIn(w));
    pages.redirect(w, res, CHECK_INBOX);
  }

  private void checkInbox(WebRequest w, ServerResponse res) {
    message(
        w,
        res,
        200,
        "Check your inbox",
        "If the address can be used, we have sent it an e-mail with what to do next.");
  }

  private void forgotForm(WebRequest w, ServerResponse res) {
    tokenForm(w, res, 200, "forgot", "", null);
  }

  private void forgot(WebRequest w, ServerResponse res) {
    try {
      identity.requestPasswordReset(w.form().text("email").orElse(""));
    } catch (ValidationException e) {
      tokenForm(w, res, 422, "forgot", "", "Please enter an e-mail address.");
      return;
    }
    pages.redirect(w, res, CHECK_INBOX);
  }

  private void resetForm(WebRequest w, ServerResponse res) {
    tokenForm(w, res, 200, "reset", w.query("token").orElse(""), null);
  }

  private void reset(WebRequest w, ServerResponse res) {
    String token = Optional.ofNullable(w.form().get("token")).orElse("");
    try {
      identity.resetPassword(token, Optional.ofNullable(w.form().get("password")).orElse(""));
    } catch (ValidationException e) {
      tokenForm(w, res, 422, "reset", token, "The password must be 8 to 128 characters.");
      return;
    } catch (DomainException e) {
      tokenForm(w, res, 422, "reset", token, e.detail());
      return;
    }
    message(w, res, 200, "Password changed", "Your password was changed. Please sign in again.");
  }

  private void verifyForm(WebRequest w, ServerResponse res) {
    tokenForm(w, res, 200, "verify", w.query("token").orElse(""), null);
  }

  private void verify(WebRequest w, ServerResponse res) {
    try {
      identity.verifyEmail(Optional.ofNullable(w.form().get("token")).orElse(""));
    } catch (DomainException e) {
      message(w, res, 422, "Link not valid", e.detail());
      return;
    }
    message(w, res, 200, "Address confirmed", "Thank you: your e-mail address is confirmed.");
  }

  private void tokenForm(
      WebRequest w, ServerResponse res, int status, String kind, String token, String error) {
    String title =
        switch (kind) {
          case "forgot" -> "Forgot your password?";
          case "reset" -> "Choose a new password";
          default -> "Confirm your e-mail address";
        };
    pages.render(
        w,
        res,
        status,
        "web/account-token.jte",
        Map.of(
            "ctx",
            w.page(title),
            "kind",
            kind,
            "token",
            token,
            "error",
            Optional.ofNullable(error)));
  }

  private void message(WebRequest w, ServerResponse res, int status, String title, String text) {
    pages.render(
        w, res, status, "web/account-message.jte", Map.of("ctx", w.page(title), "text", text));
  }

  private static int status(DomainException e) {
    return com.securecart.server.http.Problems.status(e.kind());
  }
}
