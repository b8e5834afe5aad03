package com.securecart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.bench.SearchMix.SearchCase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * SecureCart's {@code GET /api/search} over the JDK's HTTP/1.1 client, a timeout on every request,
 * no retries. Each session (benchmark client) has its own HttpClient, so its own keep-alive
 * connection, as one shopper's browser would: with one client shared by all sessions, its pool
 * handed the single client of the 1-client window a different idle connection from time to time,
 * and how often decided whether TCP delayed acknowledgements (see
 * bench/results/2026-11-25-search.md) showed.
 *
 * <p>Under load only the status is checked and the whole body read; {@code total} and {@code
 * tookMs} are picked out of the body's tail without a JSON parse, so the driver spends little CPU
 * on the two shared cores. The validation pass parses the whole answer.
 */
final class HttpSearchEngine implements SearchEngine {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http; // the validation pass's
  private final URI base;
  private final Duration requestTimeout;

  HttpSearchEngine(URI base, Duration requestTimeout) {
    this.base = base;
    this.requestTimeout = requestTimeout;
    this.http = newClient();
  }

  private static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public String name() {
    return "securecart";
  }

  @Override
  public Session open() {
    HttpClient own = newClient();
    return new Session() {
      @Override
      public Answer search(SearchCase search) throws IOException, InterruptedException {
        return HttpSearchEngine.this.search(own, search, false);
      }

      @Override
      public void close() {
        own.shutdownNow();
      }
    };
  }

  @Override
  public void close() {
    http.shutdownNow();
  }

  /** One search over the validation pass's client, reading and checking the whole answer. */
  Answer validate(SearchCase search) throws IOException, InterruptedException {
    return search(http, search, true);
  }

  /** One search; {@code parse} reads the whole JSON answer (validation) rather than its tail. */
  private Answer search(HttpClient http, SearchCase search, boolean parse)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/api/search?" + search.queryString()))
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    byte[] body = response.body();
    if (response.statusCode() != 200 || body == null || body.length == 0) {
      String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      throw new IOException(
          "HTTP "
              + response.statusCode()
              + " "
              + text.substring(0, Math.min(200, text.length())).strip());
    }
    if (parse) {
      JsonNode json = JSON.readTree(body);
      if (!json.path("total").canConvertToLong() || !json.path("hits").isArray()) {
        String text = json.toString();
        throw new IOException(
            "unexpected answer: " + text.substring(0, Math.min(200, text.length())));
      }
      JsonNode facets = json.path("facets");
      int facetsPresent =
          (facets.path("category").isEmpty() ? 0 : 1)
              + (facets.path("brand").isEmpty() ? 0 : 1)
              + (facets.path("price").isEmpty() ? 0 : 1);
      return new Answer(
          json.path("total").asLong(),
          json.path("hits").size(),
          facetsPresent,
          json.path("tookMs").asDouble());
    }
    return new Answer(-1, -1, -1, tookMs(body));
  }

  /** The server's {@code "tookMs":12.3}, the last member of the answer; NaN if not found. */
  static double tookMs(byte[] body) {
    int from = Math.max(0, body.length - 48);
    String tail = new String(body, from, body.length - from, StandardCharsets.ISO_8859_1);
    int at = tail.lastIndexOf("\"tookMs\":");
    if (at < 0) {
      return Double.NaN;
    }
    int start = at + "\"tookMs\":".length();
    int end = start;
    while (end < tail.length() && "0123456789.-Ee".indexOf(tail.charAt(end)) >= 0) {
      end++;
    }
    try {
      return Double.parseDouble(tail.substring(start, end));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
