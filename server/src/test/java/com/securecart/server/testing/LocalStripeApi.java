package com.securecart.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stub of the part of Stripe's HTTP API that SecureCart calls: create (and confirm) a
 * PaymentIntent, capture it, cancel it; plus signed webhook events, as Stripe would send them.
 * Request parameters (form-encoded, {@code Authorization: Bearer}, {@code Idempotency-Key}) and the
 * response shapes follow Stripe's published OpenAPI definition (github.com/stripe/openapi, {@code
 * spec3.json}: the {@code payment_intent}, {@code error} and {@code event} schemas; trimmed to the
 * fields SecureCart or stripe-java read, see {@code LocalStripeApiContractTest}).
 *
 * <p>Behaviour by payment method, after Stripe's test PaymentMethods: {@code pm_card_visa}
 * authorizes ({@code requires_capture}), {@code pm_card_chargeDeclined} is declined (402 {@code
 * card_error}), {@code pm_card_authenticationRequired} needs 3-D Secure ({@code requires_action}).
 * {@link #failNext} makes the next calls answer 500 {@code api_error}. Like Stripe, a repeated
 * {@code Idempotency-Key} gets the first response again, whatever the parameters.
 */
public final class LocalStripeApi implements AutoCloseable {
  public static final String SECRET_KEY = "sk_test_local_stub";
  public static final String WEBHOOK_SECRET = "whsec_local_stub_signing_secret";

  /** The API version events carry: stripe-java 31.0.0's own. */
  public static final String API_VERSION = "2025-11-17.clover";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One call as the stub received it. */
  public record Call(
      String method, String path, String idempotencyKey, Map<String, String> params) {}

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Map<String, Object>> intents = new ConcurrentHashMap<>();
  private final Map<String, Answer> byIdempotencyKey = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private final Clock clock;

  private LocalStripeApi(Clock clock) throws IOException {
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/payment_intents", this::handle);
    server.start();
  }

  public static LocalStripeApi start() {
    return start(Clock.systemUTC());
  }

  /** A stub whose objects and event signatures carry {@code clock}'s time (the shop's own). */
  public static LocalStripeApi start(Clock clock) {
    try {
      return new LocalStripeApi(clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL to configure as SECURECART_STRIPE_API_BASE. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The next {@code n} calls answer 500 ({@code api_error}), as Stripe does when it fails. */
  public void failNext(int n) {
    failures.set(n);
  }

  /** The PaymentIntent as the stub holds it now. */
  public Map<String, Object> intent(String id) {
    return intents.get(id);
  }

  /**
   * The shopper completed 3-D Secure: the intent now holds the money ({@code requires_capture}),
   * and the event Stripe sends for it is returned, signed.
   */
  public SignedEvent authenticate(String intentId) {
    Map<String, Object> intent = intents.get(intentId);
    intent.put("status", "requires_capture");
    intent.put("amount_capturable", intent.get("amount"));
    intent.put("next_action", null);
    return event("payment_intent.amount_capturable_updated", intent);
  }

  /** The shopper failed 3-D Secure: the intent wants a new payment method. */
  public SignedEvent failAuthentication(String intentId) {
    Map<String, Object> intent = intents.get(intentId);
    intent.put("status", "requires_payment_method");
    intent.put("next_action", null);
    intent.put(
        "last_payment_error",
        Map.of(
            "type",
            "card_error",
            "code",
            "payment_intent_authentication_failure",
            "message",
            "The provided PaymentMethod has failed authentication."));
    return event("payment_intent.payment_failed", intent);
  }

  /** A webhook body and its {@code Stripe-Signature} header. */
  public record SignedEvent(String id, String payload, String signature) {}

  /** An event of {@code type} about {@code object}, signed with {@link #WEBHOOK_SECRET} now. */
  public SignedEvent event(String type, Map<String, Object> object) {
    String id = "evt_" + next();
    Map<String, Object> event = fixture("event");
    event.put("id", id);
    event.put("api_version", API_VERSION);
    event.put("created", clock.instant().getEpochSecond());
    event.put("data", Map.of("object", object));
    event.put("livemode", false);
    event.put("pending_webhooks", 1);
    event.put("type", type);
    String payload = write(event);
    return new SignedEvent(id, payload, sign(payload, clock.instant().getEpochSecond()));
  }

  /** Stripe's scheme: {@code t=<unix time>,v1=<hex HMAC-SHA256 of "t.payload">}. */
  public static String sign(String payload, long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
      return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Map<String, String> params =
          form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      calls.add(new Call(exchange.getRequestMethod(), path, key, params));
      Answer answer;
      if (!("Bearer " + SECRET_KEY)
          .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        answer = error(401, "invalid_request_error", null, "Invalid API Key provided", null);
      } else if (key != null && byIdempotencyKey.containsKey(key)) {
        answer = byIdempotencyKey.get(key);
      } else {
        answer = answer(exchange.getRequestMethod(), path, params);
        if (key != null) {
          byIdempotencyKey.put(key, answer);
        }
      }
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("Request-Id", "req_" + next());
      exchange.sendResponseHeaders(answer.status(), body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private Answer answer(String method, String path, Map<String, String> params) {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return error(500, "api_error", null, "An unknown error occurred", null);
    }
    if (!method.equals("POST")) {
      return error(405, "invalid_request_error", null, "Method not allowed", null);
    }
    if (path.equals("/v1/payment_intents")) {
      return create(params);
    }
    String[] parts = path.split("/");
    if (parts.length == 5 && intents.containsKey(parts[3])) {
      Map<String, Object> intent = intents.get(parts[3]);
      return switch (parts[4]) {
        case "capture" -> capture(intent, params);
        case "cancel" -> cancel(intent, params);
        default ->
            error(
                404, "invalid_request_error", "resource_missing", "Unrecognized request URL", null);
      };
    }
    return error(404, "invalid_request_error", "resource_missing", "No such payment_intent", null);
  }

  private Answer create(Map<String, String> params) {
    String id = "pi_" + next();
    // Every field Stripe's own fixture has, then the values this request gives it.
    Map<String, Object> intent = fixture("payment_intent");
    intent.put("id", id);
    intent.put("amount", Long.parseLong(params.get("amount")));
    intent.put("amount_capturable", 0);
    intent.put("amount_received", 0);
    intent.put("automatic_payment_methods", null);
    intent.put("canceled_at", null);
    intent.put("capture_method", params.getOrDefault("capture_method", "automatic_async"));
    intent.put("client_secret", id + "_secret_" + next());
    intent.put("confirmation_method", "automatic");
    intent.put("created", clock.instant().getEpochSecond());
    intent.put("currency", params.get("currency"));
    intent.put("last_payment_error", null);
    intent.put("livemode", false);
    intent.put("payment_method_configuration_details", null);
    intent.put("processing", null);
    intent.put("transfer_data", null);
    Map<String, Object> metadata = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> {
          if (k.startsWith("metadata[")) {
            metadata.put(k.substring(9, k.length() - 1), v);
          }
        });
    intent.put("metadata", metadata);
    intent.put("next_action", null);
    intent.put("payment_method", params.get("payment_method"));
    List<String> types = new ArrayList<>();
    params.forEach(
        (k, v) -> {
          if (k.startsWith("payment_method_types[")) {
            types.add(v);
          }
        });
    intent.put("payment_method_types", types.isEmpty() ? List.of("card") : types);
    intent.put("cancellation_reason", null);
    intent.put("status", "requires_payment_method");
    intents.put(id, intent);
    if (!"true".equals(params.get("confirm"))) {
      return ok(intent);
    }
    switch (String.valueOf(params.get("payment_method"))) {
      case "pm_card_visa" -> {
        intent.put("status", "requires_capture");
        intent.put("amount_capturable", intent.get("amount"));
      }
      case "pm_card_authenticationRequired" -> {
        intent.put("status", "requires_action");
        intent.put("next_action", Map.of("type", "use_stripe_sdk", "use_stripe_sdk", Map.of()));
      }
      case "pm_card_chargeDeclined" -> {
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("type", "card_error");
        failure.put("code", "card_declined");
        failure.put("decline_code", "generic_decline");
        failure.put("message", "Your card was declined.");
        intent.put("last_payment_error", failure);
        return error(402, "card_error", "card_declined", "Your card was declined.", intent);
      }
      default -> {
        intents.remove(id);
        return error(
            400, "invalid_request_error", "resource_missing", "No such PaymentMethod", null);
      }
    }
    return ok(intent);
  }

  private Answer capture(Map<String, Object> intent, Map<String, String> params) {
    if (!"requires_capture".equals(intent.get("status"))) {
      return error(
          400,
          "invalid_request_error",
          "payment_intent_unexpected_state",
          "This PaymentIntent could not be captured because it has a status of "
              + intent.get("status")
              + ".",
          intent);
    }
    long amount =
        params.containsKey("amount_to_capture")
            ? Long.parseLong(params.get("amount_to_capture"))
            : (Long) intent.get("amount");
    intent.put("status", "succeeded");
    intent.put("amount_capturable", 0);
    intent.put("amount_received", amount);
    return ok(intent);
  }

  private Answer cancel(Map<String, Object> intent, Map<String, String> params) {
    Object status = intent.get("status");
    if ("succeeded".equals(status) || "canceled".equals(status)) {
      return error(
          400,
          "invalid_request_error",
          "payment_intent_unexpected_state",
          "You cannot cancel this PaymentIntent because it has a status of " + status + ".",
          intent);
    }
    intent.put("status", "canceled");
    intent.put("amount_capturable", 0);
    intent.put("cancellation_reason", params.get("cancellation_reason"));
    return ok(intent);
  }

  private static Answer ok(Map<String, Object> intent) {
    return new Answer(200, write(intent));
  }

  private static Answer error(
      int status, String type, String code, String message, Map<String, Object> intent) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", type);
    if (code != null) {
      error.put("code", code);
    }
    error.put("message", message);
    if (intent != null) {
      error.put("payment_intent", intent);
    }
    return new Answer(status, write(Map.of("error", error)));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(name, value);
    }
    return params;
  }

  /**
   * A fresh copy of one of Stripe's published fixtures (test resource {@code
   * stripe/openapi-fixtures.json}, trimmed from github.com/stripe/openapi).
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> fixture(String resource) {
    try (var in = LocalStripeApi.class.getResourceAsStream("/stripe/openapi-fixtures.json")) {
      Map<String, Object> all = JSON.readValue(in, Map.class);
      return new LinkedHashMap<>((Map<String, Object>) all.get(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String next() {
    return "local" + ids.incrementAndGet();
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
