package com.securecart.server.web;

import com.securecart.audit.AuditApi;
import com.securecart.identity.IdentityApi;
import com.securecart.identity.Invitation;
import com.securecart.identity.StaffApi;
import com.securecart.identity.StaffChallenge;
import com.securecart.identity.StaffSignIn;
import com.securecart.identity.WeakPasswordException;
import com.securecart.server.http.Http;
import com.securecart.server.http.RouteTable;
import com.securecart.server.http.StaffAccountChanges;
import com.securecart.server.security.SecurityEvents;
import com.securecart.shared.CustomerId;
import com.securecart.shared.DomainException;
import com.securecart.shared.Role;
import com.securecart.shared.ValidationException;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The staff side's own sign-in (password, then a TOTP code; enrolment on the first sign-in),
 * accepting an invitation, the owner's staff list and one's own recovery codes. Sign-in and
 * invitation are the only /admin pages open without a staff session ({@code Staff.openPage}).
 */
public final class StaffPages implements RouteTable.Api {
  private static final String FAILED = "That e-mail and password do not match a staff account.";
  private static final List<String> ROLES =
      Arrays.stream(Role.values()).filter(Role::staff).map(Role::name).toList();

  private final Pages pages;
  private final IdentityApi identity;
  private final StaffApi staff;

  private final AuditApi audit;
  private final StaffAccountChanges changes;

  public StaffPages(
      Pages pages,
      IdentityApi identity,
      StaffApi staff,
      AuditApi audit,
      StaffAccountChanges changes) {
    this.audit = audit;
    this.changes = changes;
    this.pages = pages;
    this.identity = identity;
    this.staff = staff;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/admin/login", pages.get(this::loginForm))
        .post("/admin/login", pages.post(this::login))
        .post("/admin/login/code", pages.post(this::code))
        .get("/admin/invitation", pages.get(this::invitationForm))
        .post("/admin/invitation", pages.post(this::acceptInvitation))
        .get("/admin/staff", pages.get(this::list))
        .post("/admin/staff/invitations", pages.post(this::invite))
        .post("/admin/staff/{id}/role", pages.post(this::changeRole))
        .post("/admin/staff/{id}/disable", pages.post(this::disable))
        .get("/admin/me", pages.get(this::me))
        .post("/admin/me/recovery-codes", pages.post(this::recoveryCodes));
  }

  private void loginForm(WebRequest w, ServerResponse res) {
    showLogin(w, res, 200, "", next(w.query("next").orElse(null)), null);
  }

  private void showLogin(
      WebRequest w, ServerResponse res, int status, String email, String next, String error) {
    pages.render(
        w,
        res,
        status,
        "web/admin/login.jte",
        Map.of(
            "ctx",
            w.page("Staff sign-in"),
            "email",
            email,
            "next",
            next,
            "error",
            Optional.ofNullable(error)));
  }

  private void login(WebRequest w, ServerResponse res) {
    String email = w.form().text("email").orElse("");
    String next = next(w.form().get("next"));
    StaffChallenge challenge;
    try {
      challenge =
          identity.beginStaffSignIn(
              email, Optional.ofNullable(w.form().get("password")).orElse(""));
    } catch (DomainException e) {
      SecurityEvents.signInRefused(w.req(), email, e);
      showLogin(w, res, failureStatus(e), email, next, message(e));
      return;
    }
    showCode(w, res, 200, challenge.token(), next, challenge.enrolment(), null);
  }

  private void showCode(
      WebRequest w,
      ServerResponse res,
      int status,
      String challenge,
      String next,
      Optional<StaffChallenge.Enrolment> enrolment,
      String error) {
    pages.render(
        w,
        res,
        status,
        "web/admin/login-code.jte",
        Map.of(
            "ctx", w.page("Staff sign-in"),
            "challenge", challenge,
            "next", next,
            "enrolment", enrolment,
            "error", Optional.ofNullable(error)));
  }

  private void code(WebRequest w, ServerResponse res) {
    String challenge = Optional.ofNullable(w.form().get("challenge")).orElse("");
    String next = next(w.form().get("next"));
    StaffSignIn signIn;
    try {
      signIn = identity.completeStaffSignIn(challenge, w.form().text("code").orElse(""));
    } catch (DomainException e) {
      SecurityEvents.signInRefused(w.req(), null, e);
      showCode(
          w,
          res,
          failureStatus(e),
          challenge,
          next,
          identity.pendingEnrolment(challenge),
          e.kind() == DomainException.Kind.TOO_MANY_REQUESTS
              ? e.detail()
              : "That code is not right (or has been used); try the next one.");
      return;
    }
    // A sign-in replaces whatever session the browser had.
    identity.logout(w.browser().sessionToken());
    pages.sessions().signIn(res, w.browser(), signIn.session());
    SecurityEvents.signedIn(w.req(), signIn.session().principal(), audit);
    if (signIn.recoveryCodes().isEmpty()) {
      pages.redirect(w, res, next);
      return;
    }
    showRecoveryCodes(w, res, signIn.recoveryCodes(), next);
  }

  private void showRecoveryCodes(
      WebRequest w, ServerResponse res, List<String> codes, String next) {
    pages.render(
        w,
        res,
        "web/admin/recovery-codes.jte",
        Map.of("ctx", w.page("Recovery codes"), "codes", codes, "next", next));
  }

  private void invitationForm(WebRequest w, ServerResponse res) {
    showInvitation(w, res, 200, w.query("token").orElse(""), "", null);
  }

  private void showInvitation(
      WebRequest w, ServerResponse res, int status, String token, String name, String error) {
    pages.render(
        w,
        res,
        status,
        "web/admin/invitation.jte",
        Map.of(
            "ctx",
            w.page("Join the staff"),
            "token",
            token,
            "name",
            name,
            "error",
            Optional.ofNullable(error)));
  }

  private void acceptInvitation(WebRequest w, ServerResponse res) {
    String token = Optional.ofNullable(w.form().get("token")).orElse("");
    String name = w.form().text("name").orElse("");
    try {
      staff.acceptInvitation(token, name, Optional.ofNullable(w.form().get("password")).orElse(""));
    } catch (WeakPasswordException e) {
      showInvitation(w, res, 422, token, name, "Please choose a stronger password: " + e.detail());
      return;
    } catch (ValidationException e) {
      showInvitation(w, res, 422, token, name, "Please check your name and password.");
      return;
    }
    pages.redirect(w, res, "/admin/login");
  }

  private void list(WebRequest w, ServerResponse res) {
    showList(w, res, Optional.empty());
  }

  private void showList(WebRequest w, ServerResponse res, Optional<String> link) {
    pages.render(
        w,
        res,
        "web/admin/staff.jte",
        Map.of(
            "ctx",
            w.page("Staff"),
            "members",
            staff.list(),
            "roles",
            ROLES,
            "invitationLink",
            link));
  }

  private void invite(WebRequest w, ServerResponse res) {
    Invitation invitation =
        changes.invite(
            w.req(), w.staff(), w.form().text("email").orElse(""), role(w.form().get("role")));
    showList(w, res, Optional.of("/admin/invitation?token=" + invitation.token()));
  }

  private void changeRole(WebRequest w, ServerResponse res) {
    changes.changeRole(w.req(), w.staff(), id(w), role(w.form().get("role")));
    pages.redirect(w, res, "/admin/staff");
  }

  private void disable(WebRequest w, ServerResponse res) {
    changes.disable(w.req(), w.staff(), id(w));
    pages.redirect(w, res, "/admin/staff");
  }

  private void me(WebRequest w, ServerResponse res) {
    pages.render(
        w,
        res,
        "web/admin/me.jte",
        Map.of("ctx", w.page("My security"), "role", w.staff().role().name()));
  }

  private void recoveryCodes(WebRequest w, ServerResponse res) {
    showRecoveryCodes(w, res, changes.newRecoveryCodes(w.req(), w.staff()), "/admin/me");
  }

  private static CustomerId id(WebRequest w) {
    return new CustomerId(Http.pathId(w.req(), "id", "Staff member"));
  }

  /** A role named in a form; anything else is a validation error. */
  private static Role role(String name) {
    try {
      return Role.valueOf(name == null ? "" : name.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("role", "must be one of " + ROLES);
    }
  }

  private static String next(String next) {
    String safe = Pages.safeNext(next);
    return safe.equals("/") ? "/admin" : safe;
  }

  private static int failureStatus(DomainException e) {
    return e.kind() == DomainException.Kind.TOO_MANY_REQUESTS ? 429 : 401;
  }

  private static String message(DomainException e) {
    return e.kind() == DomainException.Kind.TOO_MANY_REQUESTS ? e.detail() : FAILED;
  }
}
