package com.securecart.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every naughty string and every OWASP CRS attack payload in shared/data, sent where clients put
 * text: query filters, path ids, JSON fields. Each must get a result or a clear 4xx, never a 5xx.
 * Skipped with a message when the corpora are missing, except in CI (see Corpora).
 */
class HostileInputIT {
  private static TestApp app;
  private static Api api;

  @BeforeAll
  static void start() {
    app = TestApp.start(Engine.H2);
    api = app.api();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void naughtyStringsNeverCauseAServerError() throws Exception {
    List<String> strings = corpus("blns.json", node -> node.asText());
    List<String> failures = new ArrayList<>();
    for (String s : strings) {
      Map<String, Object> registration = new LinkedHashMap<>();
      registration.put(
          "email", "n" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
      registration.put("password", s.length() >= 8 ? s : "password " + s);
      registration.put("name", s);
      check(failures, s, api.post("/api/auth/register", registration));
      check(failures, s, api.post("/api/auth/login", Map.of("email", s, "password", s)));
      probeEverywhere(failures, s);
    }
    assertThat(failures).as("inputs that caused a 5xx or a non-problem error").isEmpty();
  }

  @Test
  void attackPayloadsNeverCauseAServerError() throws Exception {
    List<String> payloads =
        corpus("crs-attack-payloads.json", node -> node.get("payload").asText());
    assertThat(payloads).hasSizeGreaterThan(1_000);
    List<String> failures = new ArrayList<>();
    for (String p : payloads) {
      probeEverywhere(failures, p);
    }
    assertThat(failures).as("inputs that caused a 5xx or a non-problem error").isEmpty();
  }

  private static void probeEverywhere(List<String> failures, String s) {
    String q = URLEncoder.encode(s, StandardCharsets.UTF_8);
    check(failures, s, api.get("/api/products?category=" + q + "&brand=" + q + "&minPrice=" + q));
    check(failures, s, api.get("/api/carts/" + q));
    check(failures, s, api.get("/api/orders/" + q, "X-Order-Token", ascii(s)));
    Map<String, Object> body =
        new LinkedHashMap<>(Api.checkoutBody("AAAAAAAAAAAAAAAAAAAAAAAA", "tok_visa"));
    body.put("email", s);
    body.put(
        "shippingAddress", Map.of("name", s, "line1", s, "city", s, "postalCode", s, "country", s));
    check(
        failures,
        s,
        api.post("/api/checkout", body, "Idempotency-Key", UUID.randomUUID().toString()));
    check(failures, s, api.put("/api/carts/" + q + "/items/1", s));
  }

  private static String ascii(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7E]", "");
    return printable.isBlank() ? "x" : printable.strip();
  }

  private static void check(List<String> failures, String input, Api.Response response) {
    if (response.status() >= 500) {
      failures.add(response.status() + " for " + input);
    }
    if (response.status() >= 400
        && !response.contentType().startsWith("application/problem+json")) {
      failures.add(
          response.status() + " without a problem document for " + response.raw().request().uri());
    }
  }

  interface Extract {
    String from(JsonNode node);
  }

  private static List<String> corpus(String file, Extract extract) throws Exception {
    Path path = com.securecart.server.testing.Corpora.file(file);
    List<String> values = new ArrayList<>();
    new ObjectMapper().readTree(path.toFile()).forEach(n -> values.add(extract.from(n)));
    return values;
  }
}
