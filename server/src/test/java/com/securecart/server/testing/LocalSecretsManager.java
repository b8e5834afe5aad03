package com.securecart.server.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A local Secrets Manager stand-in: moto's server (Python moto 5.2.1, {@code moto_server}) on a
 * free loopback port, started and stopped by the test. Without {@code moto_server} on the PATH a
 * test that needs it is skipped, or fails when {@code CI=true}.
 *
 * <p>The test's own calls (create a secret, put a new value) are moto's JSON protocol over plain
 * HTTP: moto checks no signature, and the code under test reaches moto through the AWS SDK that
 * SecureCart ships.
 */
public final class LocalSecretsManager implements AutoCloseable {
  private static final Pattern ARN = Pattern.compile("\"ARN\"\\s*:\\s*\"([^\"]+)\"");

  private final Process process;
  private final URI endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  private LocalSecretsManager(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static LocalSecretsManager start() throws IOException {
    Path moto = onPath("moto_server");
    if (moto == null) {
      String message =
          "the Secrets Manager stand-in needs moto_server on the PATH (pip install 'moto[server]==5.2.1')";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(message + "; CI=true, so this fails instead of skipping");
      }
      Assumptions.abort(message + ": skipping");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process =
        new ProcessBuilder(moto.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    LocalSecretsManager local =
        new LocalSecretsManager(process, URI.create("http://127.0.0.1:" + port));
    try {
      Awaitility.await("moto_server on port " + port)
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException("moto_server exited: " + process.exitValue());
                }
                return local
                        .http
                        .send(
                            HttpRequest.newBuilder(local.endpoint.resolve("/moto-api/")).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              });
    } catch (RuntimeException e) {
      local.close();
      throw e;
    }
    return local;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Creates a secret holding {@code {"username","password"}}; returns its ARN. */
  public String createLogin(String name, String user, String password) {
    return createSecret(name, login(user, password));
  }

  /** Creates a secret holding {@code value} as its string; returns its ARN. */
  public String createSecret(String name, String value) {
    String body = call("CreateSecret", "{\"Name\":%s,\"SecretString\":%s}", name, value);
    Matcher arn = ARN.matcher(body);
    if (!arn.find()) {
      throw new IllegalStateException("CreateSecret answered without an ARN: " + body);
    }
    return arn.group(1);
  }

  /** Stores a new value, as a rotation's last step does. */
  public void putLogin(String secretId, String user, String password) {
    call(
        "PutSecretValue", "{\"SecretId\":%s,\"SecretString\":%s}", secretId, login(user, password));
  }

  private static String login(String user, String password) {
    return "{\"username\":" + json(user) + ",\"password\":" + json(password) + "}";
  }

  private String call(String action, String template, String... values) {
    Object[] quoted = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      quoted[i] = json(values[i]);
    }
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "secretsmanager." + action)
            // moto takes the region from the credential scope; it checks no signature.
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/secretsmanager/aws4_request,"
                    + " SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(String.format(template, quoted)))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            action + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(action + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(action + " interrupted", e);
    }
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
