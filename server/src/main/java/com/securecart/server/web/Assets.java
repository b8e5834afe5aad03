package com.securecart.server.web;

import com.securecart.server.http.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

/**
 * The static files (our CSS and script, and htmx from its WebJar), held in memory and served under
 * a URL that contains a hash of their content, {@code /static/<hash>/<name>}: a browser may cache
 * them for a year, and a new build changes the URL.
 */
public final class Assets implements RouteTable.Api {
  private record Asset(String contentType, byte[] body, byte[] gzip) {}

  private final Map<String, String> urls = new LinkedHashMap<>();
  private final Map<String, Asset> byPath = new LinkedHashMap<>();

  public Assets() {
    add("app.css", "text/css; charset=utf-8", read("/static/app.css"));
    add("app.js", "text/javascript; charset=utf-8", read("/static/app.js"));
    add("stripe-payment.js", "text/javascript; charset=utf-8", read("/static/stripe-payment.js"));
    add("htmx.min.js", "text/javascript; charset=utf-8", read(htmxPath()));
  }

  /** The versioned URL of a static file. */
  public String url(String name) {
    String url = urls.get(name);
    if (url == null) {
      throw new IllegalArgumentException("no static file " + name);
    }
    return url;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules.get("/static/{hash}/{name}", this::serve);
  }

  private void serve(ServerRequest req, ServerResponse res) {
    Asset asset =
        byPath.get(
            req.path().pathParameters().get("hash")
                + "/"
                + req.path().pathParameters().get("name"));
    if (asset == null) {
      res.status(Status.NOT_FOUND_404);
      res.header(HeaderNames.CACHE_CONTROL, "no-store");
      res.send();
      return;
    }
    res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
    res.header(HeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable");
    res.header(HeaderNames.VARY, "Accept-Encoding");
    boolean gzip =
        req.headers().first(HeaderNames.ACCEPT_ENCODING).map(v -> v.contains("gzip")).orElse(false);
    if (gzip) {
      res.header(HeaderNames.CONTENT_ENCODING, "gzip");
      res.send(asset.gzip());
    } else {
      res.send(asset.body());
    }
  }

  private void add(String name, String contentType, byte[] body) {
    String hash = sha256(body).substring(0, 12);
    urls.put(name, "/static/" + hash + "/" + name);
    byPath.put(hash + "/" + name, new Asset(contentType, body, gzip(body)));
  }

  private static String htmxPath() {
    Properties pom = new Properties();
    try (InputStream in =
        Assets.class.getResourceAsStream(
            "/META-INF/maven/org.webjars.npm/htmx.org/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the htmx WebJar is missing from the classpath");
      }
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "/META-INF/resources/webjars/htmx.org/"
        + pom.getProperty("version")
        + "/dist/htmx.min.js";
  }

  private static byte[] read(String resource) {
    try (InputStream in = Assets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
