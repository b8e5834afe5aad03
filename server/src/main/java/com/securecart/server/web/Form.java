package com.securecart.server.web;

import com.securecart.server.http.BadRequest;
import com.securecart.shared.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An {@code application/x-www-form-urlencoded} body, read with a size limit. */
public final class Form {
  static final Form EMPTY = new Form(Map.of());

  private final Map<String, List<String>> values;

  private Form(Map<String, List<String>> values) {
    this.values = values;
  }

  static Form read(ServerRequest req, int maxBytes) {
    if (!req.content().hasEntity()) {
      return EMPTY;
    }
    String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
    if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new BadRequest(
          ProblemType.UNSUPPORTED_FORM, "Unsupported form", "Forms are sent URL-encoded");
    }
    byte[] body;
    try (InputStream in = req.content().inputStream()) {
      body = in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw new BadRequest(
          ProblemType.MALFORMED_BODY, "Unreadable body", "The form could not be read");
    }
    if (body.length > maxBytes) {
      throw new BadRequest(ProblemType.BODY_TOO_LARGE, "Form too large", "The form is too large");
    }
    return parse(new String(body, StandardCharsets.UTF_8));
  }

  static Form parse(String encoded) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    try {
      for (String pair : encoded.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    } catch (IllegalArgumentException e) {
      throw new BadRequest(
          ProblemType.MALFORMED_FORM, "Malformed form", "The form is not URL-encoded");
    }
    return new Form(values);
  }

  /** The first value of a field, or null. */
  public String get(String name) {
    List<String> all = values.get(name);
    return all == null || all.isEmpty() ? null : all.get(0);
  }

  /** The first value, stripped, if present and not blank. */
  public Optional<String> text(String name) {
    return Optional.ofNullable(get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /**
   * The fields in a stable order without the CSRF token, for the idempotency fingerprint of a form
   * submission.
   */
  public Map<String, List<String>> withoutCsrf() {
    Map<String, List<String>> copy = new TreeMap<>(values);
    copy.remove(Pages.CSRF_FIELD);
    return copy;
  }
}
