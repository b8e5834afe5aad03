package com.securecart.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Set-up calls the simulations make once, before the load: sign in as admin, list products that are
 * in stock, create the flash sale's hot product. Plain JDK HTTP, outside Gatling's measurements.
 */
final class Shop {
  static final String BASE_URL = System.getProperty("baseUrl", "http://127.0.0.1:8080");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Shop() {}

  static long property(String name, long fallback) {
    return Long.parseLong(System.getProperty(name, Long.toString(fallback)));
  }

  static double property(String name, double fallback) {
    return Double.parseDouble(System.getProperty(name, Double.toString(fallback)));
  }

  /** Ids of up to 200 products with stock, for browsing and buying. */
  static List<Long> productsInStock() {
    List<Long> ids = new ArrayList<>();
    for (JsonNode p : call("GET", "/api/products?size=100&page=0", null, null).path("items")) {
      if (p.path("available").asInt() > 0) {
        ids.add(p.path("id").asLong());
      }
    }
    for (JsonNode p : call("GET", "/api/products?size=100&page=1", null, null).path("items")) {
      if (p.path("available").asInt() > 0) {
        ids.add(p.path("id").asLong());
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalStateException(
          "no product in stock at " + BASE_URL + " (seed demo products)");
    }
    return ids;
  }

  /** Creates one product with the given stock through the admin API; returns its id. */
  static long createHotProduct(int stock) {
    String token = adminToken();
    String sku = "HOT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    Map<String, Object> body =
        Map.of(
            "sku",
            sku,
            "name",
            "Flash sale item " + sku,
            "description",
            "Load test",
            "brand",
            "Load",
            "category",
            "load",
            "priceCents",
            4_999,
            "currency",
            "EUR",
            "stock",
            stock);
    return call("POST", "/api/admin/products", body, token).path("id").asLong();
  }

  private static String adminToken() {
    String email = System.getenv().getOrDefault("SECURECART_ADMIN_EMAIL", "admin@securecart.local");
    String password = System.getenv("SECURECART_ADMIN_PASSWORD");
    if (password == null) {
      throw new IllegalStateException(
          "set SECURECART_ADMIN_PASSWORD to the server's admin password");
    }
    String secret = System.getenv("SECURECART_ADMIN_TOTP_SECRET");
    if (secret == null) {
      throw new IllegalStateException(
          "set SECURECART_ADMIN_TOTP_SECRET to the server's first-owner TOTP secret (base32)");
    }
    return call(
            "POST",
            "/api/auth/login",
            Map.of("email", email, "password", password, "totp", totp(secret)),
            null)
        .path("token")
        .asText();
  }

  /**
   * The current RFC 6238 code (HMAC-SHA-1, 6 digits, 30 s) of a base32 secret: staff sign in with
   * MFA, and this module has no SecureCart code to borrow it from.
   */
  static String totp(String base32) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    java.io.ByteArrayOutputStream key = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : base32.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
      int v = alphabet.indexOf(c);
      if (v >= 0) {
        buffer = (buffer << 5) | v;
        bits += 5;
        if (bits >= 8) {
          key.write((buffer >> (bits - 8)) & 0xff);
          bits -= 8;
        }
      }
    }
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
      mac.init(new javax.crypto.spec.SecretKeySpec(key.toByteArray(), "HmacSHA1"));
      long step = java.time.Instant.now().getEpochSecond() / 30;
      byte[] h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
      int o = h[h.length - 1] & 0xf;
      int binary =
          ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
      return String.format(java.util.Locale.ROOT, "%06d", binary % 1_000_000);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode call(String method, String path, Object body, String token) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(BASE_URL + path))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
              .header("Content-Type", "application/json");
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(method + " " + path + " -> " + response.statusCode());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
