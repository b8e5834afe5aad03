package com.securecart.server.http;

import io.helidon.http.HeaderNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI 3.1 document of the HTTP API. */
public final class OpenApiRoutes implements RouteTable.Api {
  private final byte[] document;

  public OpenApiRoutes() {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is missing from the classpath");
      }
      this.document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules.get(
        "/openapi.yaml",
        (req, res) -> {
          res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
          res.send(document);
        });
  }
}
