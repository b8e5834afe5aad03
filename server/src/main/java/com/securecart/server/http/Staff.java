package com.securecart.server.http;

import com.securecart.audit.Actor;
import com.securecart.server.admission.Origin;
import com.securecart.server.tracing.Tracing;
import com.securecart.shared.Principal;
import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The staff-only part of the server: which paths it covers, and the admin a request was admitted
 * as. One filter ({@code web.StaffOnly}) refuses everyone else on these paths before any handler
 * runs, and records the admin here; handlers read it with {@link #principal} instead of checking
 * again, so that a new staff route is protected without remembering to be.
 */
public final class Staff {
  /** The request context key of the admitted admin; private, so nothing else can set it. */
  private static final Object ADMITTED = new Object();

  /** The staff-only areas: the JSON API and the HTML dashboard. */
  public enum Area {
    /** Not staff-only. */
    NONE,
    /** {@code /api/admin} and below: bearer token, problem+json refusals. */
    API,
    /** {@code /admin} and below: session cookie, sign-in redirect or 403 page. */
    PAGES
  }

  private Staff() {}

  /**
   * The area a path falls in. It is read generously: decoded or raw, with repeated slashes, dot
   * segments, matrix parameters ({@code ;x}) and letter case set aside, so that no spelling of a
   * staff path that a router could match slips past. Over-matching costs nothing but a refusal
   * where there would have been a 404.
   */
  public static Area area(String path) {
    String p = normalize(path);
    if (under(p, "/api/admin")) {
      return Area.API;
    }
    if (under(p, "/admin")) {
      return Area.PAGES;
    }
    return Area.NONE;
  }

  /** The stricter area of a request's decoded and raw paths. */
  public static Area area(ServerRequest req) {
    String decodedPath = req.path().path();
    String rawPath = req.path().rawPath();
    // Every request passes here, and most name no admin path at all: normalising cannot make the
    // word appear, so those skip it.
    if (!mentionsAdmin(decodedPath) && !mentionsAdmin(rawPath)) {
      return Area.NONE;
    }
    Area decoded = area(decodedPath);
    return decoded != Area.NONE ? decoded : area(rawPath);
  }

  private static boolean mentionsAdmin(String path) {
    for (int i = 0; i + 5 <= path.length(); i++) {
      if (path.regionMatches(true, i, "admin", 0, 5)) {
        return true;
      }
    }
    return false;
  }

  /** Records the admin a request was admitted as; for the staff-only filter. */
  public static void admit(ServerRequest req, Principal admin) {
    if (!admin.isAdmin()) {
      throw new IllegalArgumentException("only an admin is admitted");
    }
    req.context().register(ADMITTED, admin);
  }

  /**
   * The admin the staff-only filter admitted this request as. A handler outside the staff-only
   * paths has none: that is a wiring mistake, and fails loudly rather than serving anybody.
   */
  public static Principal principal(ServerRequest req) {
    return req.context()
        .get(ADMITTED, Principal.class)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no admin admitted: this handler is not behind the staff-only filter"));
  }

  /**
   * The admitted admin as the audit trail records them: account, client address and trace id. One
   * call per staff write: {@code audit.record(Staff.actor(req), () -> ...)}.
   */
  public static Actor actor(ServerRequest req) {
    Principal admin = principal(req);
    return new Actor(
        admin.customerId().value(),
        admin.email(),
        Origin.of(req).client(),
        Tracing.currentTraceId());
  }

  private static String normalize(String path) {
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : path.split("/")) {
      int matrix = segment.indexOf(';');
      String s = (matrix >= 0 ? segment.substring(0, matrix) : segment).strip();
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(s.toLowerCase(Locale.ROOT));
      }
    }
    return "/" + String.join("/", segments);
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
