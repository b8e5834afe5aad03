package com.securecart.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * {@code POST /csp-report}: where browsers report Content-Security-Policy violations, both the
 * legacy {@code report-uri} form ({@code application/csp-report}, one {@code csp-report} object)
 * and the Reporting API's ({@code application/reports+json}, an array of reports). Each violation
 * is one WARNING log line and one count of {@code securecart_csp_violations_total}; the answer is
 * 204. A body over {@value #MAX_BYTES} bytes gets 413, another media type 415, anything that is not
 * such a report 400. Anyone can post here, so the per-client rate limit (admission, rule {@code
 * CSP_REPORT}) caps how much one client can log, and logged values are cut short.
 */
public final class CspReports implements Handler {
  static final int MAX_BYTES = 8_192;
  private static final int MAX_VALUE = 200;
  private static final System.Logger LOG = System.getLogger(CspReports.class.getName());

  private final ObjectMapper mapper = new ObjectMapper();
  private final Runnable violations;

  /**
   * @param violations counts one violation ({@code securecart_csp_violations_total})
   */
  public CspReports(Runnable violations) {
    this.violations = violations;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    String type =
        req.headers()
            .first(HeaderNames.CONTENT_TYPE)
            .map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
            .orElse("");
    if (!type.equals("application/csp-report")
        && !type.equals("application/reports+json")
        && !type.equals("application/json")) {
      res.status(Status.UNSUPPORTED_MEDIA_TYPE_415).send();
      return;
    }
    byte[] body;
    try (InputStream in = req.content().inputStream()) {
      body = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (body.length > MAX_BYTES) {
      res.status(Status.REQUEST_ENTITY_TOO_LARGE_413).header(HeaderNames.CONNECTION, "close");
      res.send();
      return;
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      root = null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int logged = root == null ? 0 : logAll(root);
    if (logged == 0) {
      res.status(Status.BAD_REQUEST_400).send();
      return;
    }
    res.status(Status.NO_CONTENT_204).send();
  }

  /** Logs each violation in the body; how many there were, 0 when it is not a report. */
  private int logAll(JsonNode root) {
    if (root.isObject() && root.path("csp-report").isObject()) {
      JsonNode r = root.get("csp-report");
      return log(
          text(r, "document-uri"),
          text(r, "effective-directive").isEmpty()
              ? text(r, "violated-directive")
              : text(r, "effective-directive"),
          text(r, "blocked-uri"),
          text(r, "disposition"));
    }
    if (root.isArray() && !root.isEmpty() && root.size() <= 20) {
      int count = 0;
      for (JsonNode report : root) {
        JsonNode b = report.path("body");
        if (!report.path("type").asText("").equals("csp-violation") || !b.isObject()) {
          return 0;
        }
        count +=
            log(
                text(b, "documentURL"),
                text(b, "effectiveDirective"),
                text(b, "blockedURL"),
                text(b, "disposition"));
      }
      return count;
    }
    return 0;
  }

  private int log(String document, String directive, String blocked, String disposition) {
    if (directive.isEmpty()) {
      return 0;
    }
    violations.run();
    LOG.log(
        System.Logger.Level.WARNING,
        "csp_violation directive="
            + directive
            + " blocked="
            + blocked
            + " document="
            + document
            + " disposition="
            + disposition);
    return 1;
  }

  /** A field as printable ASCII, cut short: a reporter must not write our log lines for us. */
  private static String text(JsonNode node, String field) {
    String value = node.path(field).isValueNode() ? node.path(field).asText("") : "";
    StringBuilder clean = new StringBuilder();
    for (int i = 0; i < value.length() && clean.length() < MAX_VALUE; i++) {
      char c = value.charAt(i);
      clean.append(c > ' ' && c < 0x7f ? c : '_');
    }
    return clean.toString();
  }
}
