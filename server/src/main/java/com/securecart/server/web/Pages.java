package com.securecart.server.web;

import com.securecart.server.http.Problems;
import com.securecart.server.security.SecurityEvents;
import com.securecart.shared.DomainException;
import com.securecart.shared.ValidationException;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The machinery every page shares: who the browser is, the CSRF check on every POST, rendering a
 * precompiled template with its timing, redirects, and errors as HTML pages. A business rejection
 * becomes a page with the status the JSON API would give it; an unexpected error a 500 page that
 * says nothing about its cause.
 */
public final class Pages {
  static final String CSRF_FIELD = "_csrf";
  private static final System.Logger LOG = System.getLogger(Pages.class.getName());
  private static final io.helidon.http.HeaderName SERVER_TIMING =
      HeaderNames.create("Server-Timing");
  private static final int MAX_FORM_BYTES = 64 * 1024;

  /** A page handler. */
  @FunctionalInterface
  public interface PageHandler {
    void handle(WebRequest w, ServerResponse res);
  }

  /** Thrown by a page that needs a signed-in browser; the wrapper redirects to sign-in. */
  static final class SignInRequired extends RuntimeException {
    SignInRequired() {
      super("sign-in required", null, false, false);
    }
  }

  private final TemplateEngine engine =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, null, "com.securecart.server.templates.html");
  private final WebSessions sessions;
  private final Assets assets;
  private final boolean serverTiming;
  private final WebPayments payments;

  public Pages(WebSessions sessions, Assets assets) {
    this(sessions, assets, false);
  }

  public Pages(WebSessions sessions, Assets assets, boolean serverTiming) {
    this(sessions, assets, serverTiming, WebPayments.SANDBOX);
  }

  /**
   * @param serverTiming whether pages say how long their template took ({@code Server-Timing})
   * @param payments how checkout takes payment (sandbox banner, Stripe's key)
   */
  public Pages(WebSessions sessions, Assets assets, boolean serverTiming, WebPayments payments) {
    this.sessions = sessions;
    this.assets = assets;
    this.serverTiming = serverTiming;
    this.payments = payments;
  }

  public WebPayments payments() {
    return payments;
  }

  public WebSessions sessions() {
    return sessions;
  }

  /** A GET page. */
  public Handler get(PageHandler page) {
    return (req, res) -> run(req, res, page, false);
  }

  /** A form POST: refused with a 403 page unless it carries this browser's CSRF token. */
  public Handler post(PageHandler page) {
    return (req, res) -> run(req, res, page, true);
  }

  private void run(ServerRequest req, ServerResponse res, PageHandler page, boolean post) {
    WebRequest w = null;
    try {
      Browser browser = sessions.resolve(req);
      w = new WebRequest(req, browser, Form.EMPTY, assets, payments);
      if (post) {
        Form form = Form.read(req, MAX_FORM_BYTES);
        w = new WebRequest(req, browser, form, assets, payments);
        if (!sessions.csrfValid(browser, form.get(CSRF_FIELD))) {
          SecurityEvents.note(
              req,
              SecurityEvents.Event.CSRF_REJECTED,
              browser.principal().map(p -> p.email()).orElse(null));
          error(
              w,
              res,
              403,
              "Form expired",
              "This form could not be accepted: it is missing its security token or is from an"
                  + " older page. Go back, reload the page and try again.");
          return;
        }
      }
      page.handle(w, res);
    } catch (SignInRequired e) {
      redirect(w, res, signInFor(req));
    } catch (DomainException e) {
      if (w == null || res.isSent()) {
        throw e;
      }
      error(w, res, Problems.status(e.kind()), e.title(), message(e));
    } catch (RuntimeException e) {
      if (w == null || res.isSent()) {
        throw e;
      }
      String incident = UUID.randomUUID().toString();
      LOG.log(
          System.Logger.Level.ERROR,
          "unexpected error, incident " + incident,
          Problems.redacted(e));
      error(
          w,
          res,
          500,
          "Something went wrong",
          "Something went wrong on our side. Please try again; if it persists, quote incident "
              + incident
              + ".");
    }
  }

  private static String message(DomainException e) {
    if (e instanceof ValidationException v) {
      return "Please check: "
          + String.join(
              "; ",
              v.fieldErrors().entrySet().stream()
                  .map(f -> f.getKey() + " " + f.getValue())
                  .toList())
          + ".";
    }
    if (e.kind() == DomainException.Kind.NOT_FOUND) {
      return "We could not find that page. It may have been removed, or the link is wrong.";
    }
    return e.detail();
  }

  /**
   * Renders a page (or a fragment) with the given status, and times it (Server-Timing, when
   * enabled).
   */
  public void render(
      WebRequest w, ServerResponse res, int status, String template, Map<String, Object> params) {
    long started = System.nanoTime();
    Utf8ByteOutput out = new Utf8ByteOutput();
    engine.render(template, params, out);
    double renderMs = (System.nanoTime() - started) / 1_000_000.0;
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    // Pages carry the visitor's CSRF token and often his data: never stored by any cache.
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    if (serverTiming) {
      res.header(SERVER_TIMING, String.format(Locale.ROOT, "render;dur=%.3f", renderMs));
    }
    sessions.apply(w.browser(), res);
    res.send(out.toByteArray());
  }

  public void render(
      WebRequest w, ServerResponse res, String template, Map<String, Object> params) {
    render(w, res, 200, template, params);
  }

  /** Renders a template to a string (for event streams). */
  public String renderToString(String template, Map<String, Object> params) {
    gg.jte.output.StringOutput out = new gg.jte.output.StringOutput();
    engine.render(template, params, out);
    return out.toString();
  }

  /** 303 See Other: after a form POST, the browser GETs the result (no resubmission on reload). */
  public void redirect(WebRequest w, ServerResponse res, String location) {
    res.status(Status.SEE_OTHER_303);
    res.header(HeaderNames.LOCATION, location);
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    if (w != null) {
      sessions.apply(w.browser(), res);
    }
    res.send();
  }

  public void error(WebRequest w, ServerResponse res, int status, String title, String message) {
    render(
        w,
        res,
        status,
        "web/error.jte",
        Map.of("ctx", w.page(title), "status", status, "message", message));
  }

  /** The signed-in principal, or a redirect to sign-in. */
  static com.securecart.shared.Principal signedIn(WebRequest w) {
    return w.principal().orElseThrow(SignInRequired::new);
  }

  /**
   * Answers a browser that is not an admin on a staff page (for {@link StaffOnly}): a guest is sent
   * to sign in and come back, a customer gets the 403 page.
   */
  void refuseNonStaff(ServerRequest req, ServerResponse res, Browser browser) {
    WebRequest w = new WebRequest(req, browser, Form.EMPTY, assets, payments);
    if (!browser.signedIn()) {
      // Sent to sign in rather than answered 401, but it is the same refusal.
      SecurityEvents.note(req, SecurityEvents.Event.UNAUTHENTICATED, null);
      redirect(w, res, signInFor(req));
      return;
    }
    error(
        w,
        res,
        403,
        "Staff only",
        "This page is for SecureCart staff. Sign in with an admin account to use it.");
  }

  /** The sign-in page, returning to this request's path afterwards. */
  private static String signInFor(ServerRequest req) {
    return "/signin?next=" + URLEncoder.encode(req.path().rawPath(), StandardCharsets.UTF_8);
  }

  /** The HTML 404 page for a browser that asked for a path nothing serves. */
  public Handler notFound() {
    return get(
        (w, res) ->
            error(
                w,
                res,
                404,
                "Page not found",
                "We could not find that page. It may have been removed, or the link is wrong."));
  }

  /** Whether a request came from a browser navigating (it accepts HTML), not an API client. */
  public static boolean wantsHtml(ServerRequest req) {
    return req.headers().first(HeaderNames.ACCEPT).map(a -> a.contains("text/html")).orElse(false);
  }

  /** A local path to return to after sign-in; anything else (another site) becomes "/". */
  static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.length() > 500
        || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      return "/";
    }
    return next;
  }
}
