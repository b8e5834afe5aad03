package com.securecart.server.http;

import com.securecart.idempotency.StoredResponse;
import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;
import com.securecart.shared.StoreUnavailableException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place errors become HTTP: RFC 9457 problem documents with a stable type. A 500 says
 * nothing about its cause; the cause goes to the log with the request's correlation id.
 */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";
  static final String TYPE_BASE = "https://securecart.dev/problems/";
  private static final System.Logger LOG = System.getLogger(Problems.class.getName());

  private final JsonCodec json;
  private final byte[] overloaded;
  private final byte[] pipelineBehind;

  public Problems(JsonCodec json) {
    this.json = json;
    // The documents shed requests get are the same for everyone: rendered once, here.
    this.overloaded =
        render(
            ProblemType.OVERLOADED,
            "Service overloaded",
            "The shop is busy right now; please try again shortly");
    this.pipelineBehind =
        render(
            ProblemType.PIPELINE_BEHIND,
            "Orders are queueing",
            "We are confirming orders more slowly than they arrive; please place yours shortly");
  }

  /** The problem document's {@code type}: the slug under {@link #TYPE_BASE}. */
  public static String uri(ProblemType type) {
    return TYPE_BASE + type.slug();
  }

  public static int status(DomainException.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case UNPROCESSABLE -> 422;
      case TOO_MANY_REQUESTS -> 429;
    };
  }

  public StoredResponse render(DomainException e) {
    int status = status(e.kind());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", uri(e.problemType()));
    body.put("title", e.title());
    body.put("status", status);
    body.put("detail", e.detail());
    e.extensions().forEach(body::putIfAbsent);
    return new StoredResponse(status, CONTENT_TYPE, json.writeString(body));
  }

  public void send(ServerResponse res, DomainException e) {
    // A lockout says how long to wait in the header too, as a 429 from the rate limiter does.
    if (e.extensions().get("retryAfter") instanceof Number seconds) {
      res.header(HeaderNames.RETRY_AFTER, String.valueOf(seconds.longValue()));
    }
    send(res, render(e));
  }

  public void send(ServerResponse res, StoredResponse response) {
    res.status(Status.create(response.status()));
    res.header(HeaderNames.CONTENT_TYPE, response.contentType());
    res.send(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public void sendUnexpected(ServerResponse res, Throwable e) {
    if (databaseUnavailable(e)) {
      // The database is restarting or every pooled connection is busy: nothing is wrong with the
      // request, and the same request will work shortly. 503 tells clients and load balancers so.
      LOG.log(System.Logger.Level.WARNING, "database unavailable, answered 503", redacted(e));
      res.header(HeaderNames.RETRY_AFTER, "1");
      send(
          res,
          new StoredResponse(
              503,
              CONTENT_TYPE,
              json.writeString(
                  Map.of(
                      "type",
                      uri(ProblemType.UNAVAILABLE),
                      "title",
                      "Service unavailable",
                      "status",
                      503,
                      "detail",
                      "The shop cannot reach its database right now; please retry"))));
      return;
    }
    String incident = java.util.UUID.randomUUID().toString();
    LOG.log(System.Logger.Level.ERROR, "unexpected error, incident " + incident, redacted(e));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", uri(ProblemType.INTERNAL));
    body.put("title", "Internal error");
    body.put("status", 500);
    body.put("detail", "Something went wrong on our side; quote incident " + incident);
    send(res, new StoredResponse(500, CONTENT_TYPE, json.writeString(body)));
  }

  /** Whether the error, or one it was caused by, says the database is out of reach for now. */
  static boolean databaseUnavailable(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof StoreUnavailableException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The exception chain with its messages removed and its stack traces kept: driver messages quote
   * the values that failed (an e-mail, a name), which must not reach the logs.
   */
  public static Throwable redacted(Throwable e) {
    return com.securecart.server.logs.Redaction.redacted(e);
  }

  /**
   * 503 for a request shed by admission control. Answered before any database work, so it is cheap:
   * the document is the same for everyone and is rendered once, when the server starts.
   */
  public void sendOverloaded(ServerResponse res, long retryAfterSeconds) {
    sendUnavailable(res, overloaded, retryAfterSeconds);
  }

  /**
   * 503 for a checkout refused because the order pipeline is behind (ADR 0011, "Backpressure"):
   * answered before the body is read, as cheaply as {@link #sendOverloaded}.
   */
  public void sendPipelineBehind(ServerResponse res, long retryAfterSeconds) {
    sendUnavailable(res, pipelineBehind, retryAfterSeconds);
  }

  /** The document a shed request gets; HAProxy's own 503 file must be the same (its test). */
  byte[] overloadedDocument() {
    return overloaded.clone();
  }

  private byte[] render(ProblemType type, String title, String detail) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", uri(type));
    doc.put("title", title);
    doc.put("status", 503);
    doc.put("detail", detail);
    return json.writeString(doc).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void sendUnavailable(ServerResponse res, byte[] body, long retryAfterSeconds) {
    res.status(Status.SERVICE_UNAVAILABLE_503);
    res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
    res.header(HeaderNames.RETRY_AFTER, Long.toString(retryAfterSeconds));
    res.send(body);
  }

  /** 429 for a client whose rate limit bucket is empty, with when to come back. */
  public void sendRateLimited(ServerResponse res, long retryAfterSeconds) {
    res.header(HeaderNames.RETRY_AFTER, Long.toString(retryAfterSeconds));
    send(
        res,
        new DomainException(
            DomainException.Kind.TOO_MANY_REQUESTS,
            ProblemType.RATE_LIMITED,
            "Too many requests",
            "Too many requests of this kind from you; try again in " + retryAfterSeconds + " s",
            Map.of("retryAfterSeconds", retryAfterSeconds)));
  }

  public static DomainException notFoundRoute() {
    return new DomainException(
        DomainException.Kind.NOT_FOUND, ProblemType.NOT_FOUND, "Not found", "No such resource");
  }
}
