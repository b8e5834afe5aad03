package com.securecart.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With SECURECART_ADMIN_HOST set, staff paths exist only on that host name, so that the load
 * balancer's host rule and the WAF's allow-list for it cover every one of them.
 */
class AdminHostIT {
  private static final String ADMIN_HOST = "admin.shop.test";
  private static TestApp app;
  private static String owner;

  @BeforeAll
  static void start() {
    app =
        TestApp.start(
            Engine.H2,
            c -> c.withApp(c.app().withAccounts(c.app().accounts().withAdminHost(ADMIN_HOST))));
    owner = app.adminToken();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** The status line of a request sent with exactly this Host header (HttpClient sets its own). */
  private static String status(String path, String host, String... headers) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", app.app().port())) {
      socket.setSoTimeout(10_000);
      StringBuilder request =
          new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
      for (String h : headers) {
        request.append(h).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // Only the status line: the server need not close the connection when asked.
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
        line.append((char) b);
      }
      return line.toString().strip();
    }
  }

  @Test
  void theStaffApiAnswersOnlyOnTheAdminHost() throws IOException {
    String bearer = "Authorization: Bearer " + owner;
    assertThat(status("/api/admin/orders", "shop.test", bearer)).contains(" 404");
    assertThat(status("/api/admin/orders", "127.0.0.1", bearer)).contains(" 404");
    assertThat(status("/api/admin/orders", ADMIN_HOST, bearer)).contains(" 200");
    assertThat(status("/api/admin/orders", "ADMIN.shop.test:8080", bearer)).contains(" 200");
  }

  @Test
  void theStaffPagesAndSignInAnswerOnlyOnTheAdminHost() throws IOException {
    assertThat(status("/admin/login", "shop.test", "Accept: text/html")).contains(" 404");
    assertThat(status("/admin/orders", "shop.test", "Accept: text/html")).contains(" 404");
    assertThat(status("/admin/login", ADMIN_HOST, "Accept: text/html")).contains(" 200");
    // The storefront is not affected.
    assertThat(status("/", "shop.test", "Accept: text/html")).contains(" 200");
  }

  @Test
  void anUntrustedPeersForwardedHostIsIgnored() throws IOException {
    assertThat(
            status(
                "/api/admin/orders",
                "shop.test",
                "Authorization: Bearer " + owner,
                "X-Forwarded-Host: " + ADMIN_HOST))
        .contains(" 404");
  }
}
