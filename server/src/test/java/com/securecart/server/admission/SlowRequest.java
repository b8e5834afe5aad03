package com.securecart.server.admission;

import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * A request whose body arrives only when the test says so: its handler holds its admission permit
 * (reading the body) until then. Raw HTTP/1.1 on a socket, as a slow client would send it.
 */
final class SlowRequest implements AutoCloseable {
  private final Socket socket;
  private final byte[] rest;

  private SlowRequest(Socket socket, byte[] rest) {
    this.socket = socket;
    this.rest = rest;
  }

  /** Sends the headers and all of the JSON body but its last byte. */
  static SlowRequest post(int port, String path, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(15_000);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body, 0, body.length - 1);
    out.flush();
    return new SlowRequest(socket, new byte[] {body[body.length - 1]});
  }

  /**
   * Starts the admin's sign-in and waits until it holds an admission permit (the server's gauge
   * says one request is in flight), so that it is surely being handled.
   */
  static SlowRequest adminLoginInFlight(Api api, int port, String adminToken) throws IOException {
    SlowRequest login =
        post(
            port,
            "/api/auth/login",
            "{\"email\":\""
                + TestApp.ADMIN_EMAIL
                + "\",\"password\":\""
                + TestApp.ADMIN_PASSWORD
                + "\",\"totp\":\""
                + api.nextAdminCode()
                + "\"}");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api.get("/admin/metrics", "Cookie", "sc_session=" + adminToken)
                    .body()
                    .contains("securecart_admission_inflight 1.0"));
    return login;
  }

  /** Sends the last byte and returns the whole response (status line, headers, body). */
  String finish() throws IOException {
    socket.getOutputStream().write(rest);
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    int length = 0;
    String line;
    while (!(line = readLine(in)).isEmpty()) {
      head.append(line).append('\n');
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    return head + "\n" + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
