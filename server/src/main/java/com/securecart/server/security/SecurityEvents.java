package com.securecart.server.security;

import com.securecart.audit.AuditApi;
import com.securecart.identity.AccountLockedException;
import com.securecart.identity.MfaFailedException;
import com.securecart.server.admission.Origin;
import com.securecart.server.tracing.Tracing;
import com.securecart.shared.DomainException;
import com.securecart.shared.Hashing;
import com.securecart.shared.Principal;
import com.securecart.shared.ProblemType;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes each security event once: a JSON log line (event, outcome, client address, a hash of the
 * e-mail, the route, the trace id; never a password or token) and one increment of its counter.
 *
 * <p>A filter in front of every route: what a handler or another filter {@linkplain #note notes} on
 * the request is emitted as the response is sent, and a 401, 403 or 429 that nobody explained (the
 * staff-only filter, admission control, a bearer token that is no longer valid) is emitted from its
 * status, so that a new refusal anywhere is counted without remembering to.
 */
public final class SecurityEvents implements Filter {
  /** The logger the events go to: operators can route it on its own. */
  public static final String LOGGER = "com.securecart.security";

  private static final Logger LOG = Logger.getLogger(LOGGER);
  private static final Object NOTES = new Object();

  /** The events, by their metric label; the ones marked "staff" are emitted by staff accounts. */
  public enum Event {
    SIGN_IN_SUCCEEDED("success"),
    SIGN_IN_FAILED("failure"),
    /** 401: no valid session or token where one is needed. */
    UNAUTHENTICATED("failure"),
    /** 403: signed in, but not allowed. */
    FORBIDDEN("failure"),
    CSRF_REJECTED("failure"),
    RATE_LIMITED("failure"),
    /**
     * An e-mail locked after repeated failed sign-ins, or a staff second factor after wrong codes.
     */
    LOCKOUT("failure"),
    /** Staff: a wrong or replayed TOTP or recovery code. */
    MFA_FAILED("failure"),
    /** An admin signed in from a client address that account never signed in from before. */
    STAFF_SESSION_NEW_ADDRESS("success"),
    /** A payment provider's webhook whose signature did not verify: forged, replayed or stale. */
    WEBHOOK_REJECTED("failure");

    private final String outcome;

    Event(String outcome) {
      this.outcome = outcome;
    }

    /** The metric label and log name: {@code sign_in_failed}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public String outcome() {
      return outcome;
    }
  }

  private record Noted(Event event, String email) {}

  private final Consumer<String> counter;

  /**
   * @param counter increments {@code securecart_security_events_total} for an event label
   */
  public SecurityEvents(Consumer<String> counter) {
    this.counter = counter;
  }

  /** Every event's label, for registering the counters at zero (so alerts see a first event). */
  public static List<String> labels() {
    return Arrays.stream(Event.values()).map(Event::label).toList();
  }

  /**
   * Notes an event on the request, emitted once the response has gone.
   *
   * @param email the account the event concerns, or null; only its hash is logged
   */
  public static void note(ServerRequest req, Event event, String email) {
    req.context().get(NOTES, Notes.class).ifPresent(n -> n.add(new Noted(event, email)));
  }

  /** A failed sign-in for {@code email} (as typed). */
  public static void signInFailed(ServerRequest req, String email) {
    note(req, Event.SIGN_IN_FAILED, email);
  }

  /**
   * A refused sign-in: always a failure, and also an MFA failure (a wrong or reused one-time code,
   * answered like a wrong password) or a lockout (too many failures), as the refusal says.
   */
  public static void signInRefused(ServerRequest req, String email, DomainException refusal) {
    signInFailed(req, email);
    if (refusal instanceof MfaFailedException) {
      note(req, Event.MFA_FAILED, email);
    }
    if (refusal instanceof AccountLockedException
        || refusal.problemType() == ProblemType.MFA_LOCKED) {
      note(req, Event.LOCKOUT, email);
    }
  }

  /**
   * A successful sign-in; for staff, also whether it came from an address that account never signed
   * in from (remembered in the audit context, shared by every instance).
   */
  public static void signedIn(ServerRequest req, Principal principal, AuditApi audit) {
    note(req, Event.SIGN_IN_SUCCEEDED, principal.email());
    if (principal.isStaff()
        && audit.staffSignedInFrom(principal.customerId().value(), Origin.of(req).client())) {
      note(req, Event.STAFF_SESSION_NEW_ADDRESS, principal.email());
    }
  }

  /** The events noted on one request. */
  private static final class Notes extends CopyOnWriteArrayList<Noted> {}

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    Notes notes = new Notes();
    req.context().register(NOTES, notes);
    // Read now, while the request's span is current; an error page may be sent after it ended.
    String traceId = Tracing.currentTraceId();
    // Before the response goes, so that whoever got it can already see its event and count.
    res.beforeSend(
        () -> {
          List<Noted> events = new ArrayList<>(notes);
          if (events.isEmpty()) {
            Event fromStatus =
                switch (res.status().code()) {
                  case 401 -> Event.UNAUTHENTICATED;
                  case 403 -> Event.FORBIDDEN;
                  case 429 -> Event.RATE_LIMITED;
                  default -> null;
                };
            if (fromStatus != null) {
              events.add(new Noted(fromStatus, null));
            }
          }
          for (Noted n : events) {
            emit(n, req, res.status().code(), traceId);
          }
        });
    chain.proceed();
  }

  private void emit(Noted n, ServerRequest req, int status, String traceId) {
    counter.accept(n.event().label());
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("event", n.event().label());
    fields.put("outcome", n.event().outcome());
    fields.put("client_address", Origin.of(req).client());
    if (n.email() != null && !n.email().isBlank()) {
      fields.put("principal_hash", principalHash(n.email()));
    }
    fields.put("method", req.prologue().method().text());
    fields.put("route", route(req));
    fields.put("status", Integer.toString(status));
    if (traceId != null) {
      fields.put("trace_id", traceId);
    }
    LOG.log(Level.INFO, "security event " + n.event().label(), new Object[] {fields});
  }

  /**
   * A stable pseudonym for an e-mail: the same account's events can be joined without the log
   * holding the address. Truncated SHA-256 of the normalised address.
   */
  public static String principalHash(String email) {
    return Hashing.sha256Hex(email.strip().toLowerCase(Locale.ROOT)).substring(0, 16);
  }

  /**
   * The route template, or for a request no route matched (refused by a filter first) the path with
   * any segment that could be an id or a secret (it has a digit) replaced by {@code *}.
   */
  static String route(ServerRequest req) {
    String pattern = req.matchingPattern().filter(p -> !p.isEmpty()).orElse(null);
    if (pattern != null) {
      return pattern;
    }
    String[] segments = req.path().path().split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (segments[i].chars().anyMatch(Character::isDigit)) {
        segments[i] = "*";
      }
    }
    String route = String.join("/", segments);
    return route.length() > 200 ? route.substring(0, 200) : route;
  }
}
