package com.securecart.server.http;

import com.securecart.shared.ProblemType;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors Helidon answers itself, before any route runs (a request line too long, a malformed
 * request, a body over the limit), rendered as problem documents like every other error. The cause
 * is never echoed.
 */
public final class DirectProblems implements DirectHandler {
  private final JsonCodec json;

  public DirectProblems(JsonCodec json) {
    this.json = json;
  }

  public DirectHandlers handlers() {
    DirectHandlers.Builder builder = DirectHandlers.builder();
    for (EventType type : EventType.values()) {
      builder.addHandler(type, this);
    }
    return builder.build();
  }

  @Override
  public TransportResponse handle(
      TransportRequest request,
      EventType eventType,
      Status status,
      ServerResponseHeaders headers,
      String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "type",
        Problems.uri(status.code() >= 500 ? ProblemType.INTERNAL : ProblemType.BAD_REQUEST));
    body.put("title", status.reasonPhrase());
    body.put("status", status.code());
    body.put(
        "detail",
        status.code() >= 500 ? "Something went wrong on our side" : status.reasonPhrase());
    return TransportResponse.builder()
        .status(status)
        .headers(headers)
        .header(HeaderNames.CONTENT_TYPE, Problems.CONTENT_TYPE)
        .entity(json.writeString(body).getBytes(StandardCharsets.UTF_8))
        .build();
  }
}
