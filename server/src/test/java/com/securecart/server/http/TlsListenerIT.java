package com.securecart.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.ConfigException;
import com.securecart.server.config.HttpSettings;
import com.securecart.server.config.TlsListener;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 11: the optional HTTPS listener for load-balancer-to-instance encryption serves
 * the same routes as the plain one, with a certificate the instance made for itself (openssl, as
 * the boot script would).
 */
class TlsListenerIT {
  @TempDir static Path dir;
  private static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost",
                "-keyout",
                dir.resolve("key.pem").toString(),
                "-out",
                dir.resolve("cert.pem").toString())
            .redirectErrorStream(true)
            .start();
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).isZero();
    TlsListener tls =
        TlsListener.from(
            Map.of(
                "SECURECART_TLS_PORT", "0",
                "SECURECART_TLS_CERT", dir.resolve("cert.pem").toString(),
                "SECURECART_TLS_KEY", dir.resolve("key.pem").toString()));
    app =
        TestApp.start(
            TestDatabases.Engine.H2,
            c -> {
              HttpSettings h = c.http();
              return c.withHttp(
                  new HttpSettings(
                      h.port(),
                      h.maxBodyBytes(),
                      h.maxEventStreams(),
                      h.admission(),
                      h.maxEventStreamsPerClient(),
                      h.securityContact(),
                      h.publicUrl(),
                      tls));
            });
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void theHttpsListenerServesTheSameRoutesWithTheGivenCertificate() throws Exception {
    HttpClient client =
        HttpClient.newBuilder().sslContext(trusting(dir.resolve("cert.pem"))).build();
    URI base = URI.create("https://localhost:" + app.app().tlsPort());
    HttpResponse<String> health =
        client.send(
            HttpRequest.newBuilder(base.resolve("/health/live")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    HttpResponse<String> products =
        client.send(
            HttpRequest.newBuilder(base.resolve("/api/products?size=1")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(products.statusCode()).isEqualTo(200);
    // The plain listener is still there (health checks, loopback tools).
    assertThat(app.api().get("/health/live").status()).isEqualTo(200);
    assertThat(app.app().tlsPort()).isNotEqualTo(app.app().port());
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() {
    HttpClient client = HttpClient.newHttpClient();
    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(
                            URI.create("https://localhost:" + app.app().tlsPort() + "/health/live"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .hasStackTraceContaining("PKIX");
  }

  @Test
  void halfTheSettingsOrAFileThatIsNotPemStopTheStart() throws Exception {
    assertThatThrownBy(() -> TlsListener.from(Map.of("SECURECART_TLS_PORT", "8443")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("go together");
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
    assertThatThrownBy(
            () ->
                TlsListener.from(
                    Map.of(
                        "SECURECART_TLS_PORT", "8443",
                        "SECURECART_TLS_CERT", notPem.toString(),
                        "SECURECART_TLS_KEY", dir.resolve("key.pem").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_TLS_CERT");
  }

  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      store.setCertificateEntry(
          "self", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
