package com.securecart.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;
import com.securecart.shared.ValidationException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Request parsing and response writing shared by the routes; every bad input becomes a 4xx problem.
 */
public final class Http {
  /**
   * On sign-out: the browser forgets this site's cookies (path-scoped order cookies included) and
   * storage.
   */
  public static final io.helidon.http.Header CLEAR_SITE_DATA =
      io.helidon.http.HeaderValues.create(
          HeaderNames.create("Clear-Site-Data"), "\"cookies\", \"storage\"");

  private final JsonCodec json;
  private final long maxBodyBytes;

  public Http(JsonCodec json, long maxBodyBytes) {
    this.json = json;
    this.maxBodyBytes = maxBodyBytes;
  }

  public JsonCodec json() {
    return json;
  }

  /**
   * Reads and binds a JSON body, refusing malformed JSON, unknown fields, wrong types and oversized
   * bodies.
   */
  public <T> T body(ServerRequest req, Class<T> type) {
    byte[] bytes = bytes(req);
    if (bytes.length == 0) {
      throw new BadRequest(ProblemType.MALFORMED_JSON, "Malformed JSON", "A JSON body is required");
    }
    try {
      T value = json.read(bytes, type);
      if (value == null) {
        throw new BadRequest(
            ProblemType.MALFORMED_JSON, "Malformed JSON", "The body must be a JSON object");
      }
      return value;
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof DomainException domain) {
        throw domain;
      }
      throw invalidField(e, "is invalid");
    } catch (UnrecognizedPropertyException e) {
      throw invalidField(e, "is not a field of this request");
    } catch (MismatchedInputException e) {
      if (e.getPath().isEmpty()) {
        throw new BadRequest(
            ProblemType.MALFORMED_JSON, "Malformed JSON", "The body must be a JSON object");
      }
      throw invalidField(e, "has the wrong type or format");
    } catch (JsonMappingException e) {
      if (e.getPath().isEmpty()) {
        throw new BadRequest(
            ProblemType.MALFORMED_JSON, "Malformed JSON", "The body is not valid JSON");
      }
      throw invalidField(e, "is invalid");
    } catch (JacksonException e) {
      throw new BadRequest(
          ProblemType.MALFORMED_JSON, "Malformed JSON", "The body is not valid JSON");
    } catch (IOException e) {
      throw new BadRequest(
          ProblemType.MALFORMED_JSON, "Malformed JSON", "The body could not be read");
    }
  }

  /** The body as sent (UTF-8), for a caller that verifies a signature over it; size-capped. */
  public String rawBody(ServerRequest req) {
    return new String(bytes(req), java.nio.charset.StandardCharsets.UTF_8);
  }

  private byte[] bytes(ServerRequest req) {
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    try (InputStream in = req.content().inputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (bytes.length > maxBodyBytes) {
        throw new BadRequest(
            ProblemType.BODY_TOO_LARGE,
            "Body too large",
            "The body exceeds " + maxBodyBytes + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new BadRequest(
          ProblemType.MALFORMED_BODY, "Unreadable body", "The body could not be read");
    }
  }

  private static ValidationException invalidField(JsonMappingException e, String message) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return new ValidationException(path.isEmpty() ? "body" : path, message);
  }

  public static Optional<String> query(ServerRequest req, String name) {
    return req.query().first(name).asOptional().filter(v -> !v.isBlank());
  }

  public static Long queryLong(ServerRequest req, String name) {
    Optional<String> value = query(req, name);
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value.get().strip());
    } catch (NumberFormatException e) {
      throw new ValidationException(name, "must be a whole number");
    }
  }

  /** A date query parameter (YYYY-MM-DD), or {@code fallback} when absent. */
  public static java.time.LocalDate queryDate(
      ServerRequest req, String name, java.time.LocalDate fallback) {
    return date(name, query(req, name).orElse(null), fallback);
  }

  /** A date (YYYY-MM-DD) from a parameter or form field, or {@code fallback} when blank. */
  public static java.time.LocalDate date(String name, String text, java.time.LocalDate fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return java.time.LocalDate.parse(text.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new ValidationException(name, "must be a date like 2026-11-25");
    }
  }

  public static int queryInt(ServerRequest req, String name, int fallback) {
    Long value = queryLong(req, name);
    if (value == null) {
      return fallback;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new ValidationException(name, "is out of range");
    }
    return value.intValue();
  }

  /** A numeric id from the path; anything else is a resource that does not exist. */
  public static long pathId(ServerRequest req, String name, String what) {
    String raw = req.path().pathParameters().get(name);
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // fall through to 404
    }
    throw DomainException.notFound(what);
  }

  public static String pathParam(ServerRequest req, String name) {
    return req.path().pathParameters().get(name);
  }

  public static Optional<String> header(ServerRequest req, String name) {
    return req.headers().first(HeaderNames.create(name));
  }

  public void send(ServerResponse res, int status, Object body) {
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(json.write(body));
  }

  public void ok(ServerResponse res, Object body) {
    send(res, 200, body);
  }

  public static void noContent(ServerResponse res) {
    res.status(Status.NO_CONTENT_204);
    res.send();
  }
}
