package com.securecart.server.http;

import com.securecart.audit.AuditApi;
import com.securecart.cart.CartApi;
import com.securecart.identity.IdentityApi;
import com.securecart.identity.Registration;
import com.securecart.identity.Session;
import com.securecart.identity.StaffApi;
import com.securecart.server.security.SecurityEvents;
import com.securecart.shared.CartId;
import com.securecart.shared.DomainException;
import com.securecart.shared.Principal;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Registration, login (which merges a guest cart), logout and who-am-I, and the account's own
 * security: password change and reset, e-mail verification and signing out everywhere
 * (docs/accounts.md).
 */
public final class AuthRoutes implements RouteTable.Api {
  record RegisterRequest(String email, String password, String name) {}

  /**
   * @param totp for a staff account, the current TOTP code or an unused recovery code
   */
  record LoginRequest(String email, String password, String totp, String cartId) {}

  record StepUpRequest(String totp) {}

  record AcceptInvitation(String token, String name, String password) {}

  record LoginResponse(String token, Instant expiresAt, String role, String cartId) {}

  record PasswordChange(String currentPassword, String newPassword) {}

  record ResetRequest(String email) {}

  record ResetConfirm(String token, String password) {}

  record TokenBody(String token) {}

  /**
   * The one answer to a registration, new e-mail or not, and to a reset request, known e-mail or
   * not: what happens next is said in the mail.
   */
  static final Map<String, String> CHECK_YOUR_INBOX =
      Map.of("status", "accepted", "detail", "Check your inbox for what to do next.");

  private final Http http;
  private final Authn authn;
  private final IdentityApi identity;
  private final CartApi carts;
  private final AuditApi audit;
  private final StaffApi staff;

  public AuthRoutes(
      Http http, Authn authn, IdentityApi identity, CartApi carts, AuditApi audit, StaffApi staff) {
    this.audit = audit;
    this.http = http;
    this.authn = authn;
    this.identity = identity;
    this.carts = carts;
    this.staff = staff;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .post("/api/auth/register", this::register)
        .post("/api/auth/login", this::login)
        .post("/api/auth/logout", this::logout)
        .post("/api/auth/step-up", this::stepUp)
        .post("/api/auth/staff-invitations/accept", this::acceptInvitation)
        .post("/api/auth/logout-all", this::logoutAll)
        .post("/api/auth/password", this::changePassword)
        .post("/api/auth/password-reset", this::requestReset)
        .post("/api/auth/password-reset/confirm", this::confirmReset)
        .post("/api/auth/verify-email", this::verifyEmail)
        .post("/api/auth/verify-email/resend", this::resendVerification)
        .get("/api/auth/me", this::me);
  }

  private void register(ServerRequest req, ServerResponse res) {
    RegisterRequest body = http.body(req, RegisterRequest.class);
    // No id and no difference: an e-mail with an account answers as a new one (its owner is
    // mailed instead), so registration tells nobody which e-mails have accounts.
    identity.register(new Registration(body.email(), body.password(), body.name()));
    http.send(res, 202, CHECK_YOUR_INBOX);
  }

  private void login(ServerRequest req, ServerResponse res) {
    LoginRequest body = http.body(req, LoginRequest.class);
    Optional<CartId> guestCart = Optional.ofNullable(body.cartId()).map(CartId::new);
    Session session;
    try {
      session = identity.login(body.email(), body.password(), body.totp());
    } catch (DomainException e) {
      SecurityEvents.signInRefused(req, body.email(), e);
      throw e;
    }
    SecurityEvents.signedIn(req, session.principal(), audit);
    // A session the client presented while signing in again ends (fixation, shared devices).
    Authn.bearer(req).ifPresent(identity::logout);
    Optional<CartId> cart = carts.mergeAtLogin(guestCart, session.principal());
    http.ok(
        res,
        new LoginResponse(
            session.token(),
            session.expiresAt(),
            session.principal().role().name(),
            cart.map(CartId::value).orElse(null)));
  }

  /** A staff session re-enters a code; price, stock, sale and staff changes then go through. */
  private void stepUp(ServerRequest req, ServerResponse res) {
    String token = Authn.bearer(req).orElse(null);
    authn.required(req);
    StepUpRequest body = http.body(req, StepUpRequest.class);
    identity.stepUp(token, body.totp());
    Http.noContent(res);
  }

  /** The invitee sets a password; TOTP is enrolled at the first sign-in on /admin/login. */
  private void acceptInvitation(ServerRequest req, ServerResponse res) {
    AcceptInvitation body = http.body(req, AcceptInvitation.class);
    var id = staff.acceptInvitation(body.token(), body.name(), body.password());
    http.send(res, 201, Map.of("id", id.value()));
  }

  private void logout(ServerRequest req, ServerResponse res) {
    identity.logout(Authn.bearer(req).orElse(null));
    // A browser-based client keeps nothing of the session it just ended.
    res.header(Http.CLEAR_SITE_DATA);
    Http.noContent(res);
  }

  private void logoutAll(ServerRequest req, ServerResponse res) {
    identity.logoutEverywhere(authn.required(req));
    res.header(Http.CLEAR_SITE_DATA);
    Http.noContent(res);
  }

  private void changePassword(ServerRequest req, ServerResponse res) {
    Principal me = authn.required(req);
    PasswordChange body = http.body(req, PasswordChange.class);
    identity.changePassword(
        me, Authn.bearer(req).orElse(null), body.currentPassword(), body.newPassword());
    Http.noContent(res);
  }

  private void requestReset(ServerRequest req, ServerResponse res) {
    identity.requestPasswordReset(http.body(req, ResetRequest.class).email());
    http.send(res, 202, CHECK_YOUR_INBOX);
  }

  private void confirmReset(ServerRequest req, ServerResponse res) {
    ResetConfirm body = http.body(req, ResetConfirm.class);
    identity.resetPassword(body.token(), body.password());
    Http.noContent(res);
  }

  private void verifyEmail(ServerRequest req, ServerResponse res) {
    identity.verifyEmail(http.body(req, TokenBody.class).token());
    Http.noContent(res);
  }

  private void resendVerification(ServerRequest req, ServerResponse res) {
    identity.resendVerification(authn.required(req));
    http.send(res, 202, CHECK_YOUR_INBOX);
  }

  private void me(ServerRequest req, ServerResponse res) {
    Principal p = authn.required(req);
    http.ok(
        res,
        Map.of(
            "id",
            p.customerId().value(),
            "email",
            p.email(),
            "role",
            p.role().name(),
            "emailVerified",
            p.emailVerified()));
  }
}
