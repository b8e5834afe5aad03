package com.securecart.server.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A real process, a real SIGTERM: the instance reports not ready while it still serves, and a
 * request in flight completes before it exits.
 */
class SigtermIT {
  private static final Pattern LISTENING = Pattern.compile("ready on http://localhost:(\\d+)");

  @Test
  void onSigtermReadinessGoesDownWhileServingAndTheRequestInFlightCompletes() throws Exception {
    Path dataDir = Files.createTempDirectory("securecart-sigterm");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "com.securecart.server.Main",
                "--port=0",
                "--demo-products=0",
                "--data-dir=" + dataDir)
            .redirectErrorStream(true);
    builder.environment().put("SECURECART_ADMIN_EMAIL", TestApp.ADMIN_EMAIL);
    builder.environment().put("SECURECART_ADMIN_PASSWORD", TestApp.ADMIN_PASSWORD);
    builder.environment().put("SECURECART_ADMIN_TOTP_SECRET", TestApp.ADMIN_TOTP_SECRET);
    builder.environment().put("SECURECART_SHUTDOWN_DRAIN_MS", "3000");
    // To a file: Process.destroy() closes the pipes, and the last lines come after it.
    Path log = dataDir.resolve("server.log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.readAllLines(log).stream().anyMatch(l -> LISTENING.matcher(l).find()));
      Matcher m =
          Files.readAllLines(log).stream()
              .map(LISTENING::matcher)
              .filter(Matcher::find)
              .findFirst()
              .orElseThrow();
      int port = Integer.parseInt(m.group(1));
      Api api = new Api("http://127.0.0.1:" + port);
      String admin = api.login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
      SlowRequest inFlight = SlowRequest.adminLoginInFlight(api, port, admin);

      process.destroy(); // SIGTERM

      await().atMost(Duration.ofSeconds(3)).until(() -> api.get("/health/ready").status() == 503);
      assertThat(api.get("/health/live").status()).isEqualTo(200);
      String response = inFlight.finish();
      inFlight.close();
      assertThat(response).startsWith("HTTP/1.1 200").contains("\"token\"");
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // 128 + SIGTERM: the JVM ran its shutdown hooks (SecureCart.close) to the end. Their log
      // lines
      // are not asserted: JUL's own hook may close the handlers first.
      assertThat(process.exitValue()).isEqualTo(143);
    } finally {
      process.destroyForcibly();
    }
  }
}
