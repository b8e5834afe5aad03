package com.securecart.server.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image Jib wrote (target/jib-image.tar, built with -Pimage on a local amd64 base by
 * ops/image/test.sh): its config is what ECS and Batch rely on, and its filesystem, unpacked and
 * entered with chroot as the image's user with the api role, serves /health/ready, and then runs
 * the Batch job's `batch nightly` on the data the server left. No Docker or registry is needed;
 * root is (for chroot and mounts). Skipped when the image was not built in this run.
 */
class ContainerImageIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void theImageIsConfiguredForEcsServesAndRunsTheNightlyBatch() throws Exception {
    String tarProperty = System.getProperty("securecart.image.tar");
    assertThat(tarProperty)
        .as("run with -Pimage (ops/image/test.sh), which builds the image tar")
        .isNotNull();
    Path tar = Path.of(tarProperty);
    assertThat(tar).as("-Pimage should have written the image tar").isRegularFile();
    requireRootAndChroot();

    Path archive = Files.createDirectories(temp.resolve("archive"));
    run(List.of("tar", "-xf", tar.toString(), "-C", archive.toString()));
    JsonNode manifest = JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
    JsonNode image = JSON.readTree(archive.resolve(manifest.get("Config").asText()).toFile());
    JsonNode config = image.get("config");

    assertThat(image.get("architecture").asText()).isEqualTo("amd64");
    assertThat(image.get("os").asText()).isEqualTo("linux");
    assertThat(image.get("created").asText()).startsWith("1970-01-01T00:00:00");
    List<String> entrypoint = strings(config.get("Entrypoint"));
    assertThat(entrypoint)
        .startsWith("java", "--enable-native-access=ALL-UNNAMED", "--add-modules")
        .contains("jdk.incubator.vector", "-XX:MaxRAMPercentage=75")
        .endsWith("com.securecart.server.Main");
    // No Cmd: `docker run IMAGE batch nightly` appends to the entrypoint, as Main expects.
    assertThat(config.path("Cmd").isMissingNode() || config.get("Cmd").isNull()).isTrue();
    String user = config.get("User").asText();
    assertThat(user).isEqualTo("1000:1000");
    assertThat(config.get("WorkingDir").asText()).isEqualTo("/app");
    assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.get("Volumes").has("/data")).isTrue();
    Map<String, String> env = new HashMap<>();
    for (String pair : strings(config.get("Env"))) {
      env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    assertThat(env).containsEntry("SECURECART_DATA_DIR", "/data");
    assertThat(config.get("Labels").has("org.opencontainers.image.version")).isTrue();

    Path rootfs = Files.createDirectories(temp.resolve("rootfs"));
    for (JsonNode layer : manifest.get("Layers")) {
      // Jib's layers carry libarchive headers GNU tar does not know; they are harmless.
      String file = archive.resolve(layer.asText()).toString();
      run(List.of("tar", "--warning=no-unknown-keyword", "-xf", file, "-C", rootfs.toString()));
    }

    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> serve = new HashMap<>(env);
    serve.put("SECURECART_ROLES", "api");
    serve.put("SECURECART_PORT", "" + port);
    serve.put("SECURECART_DEMO_PRODUCTS", "200");
    Path log = temp.resolve("server.log");
    Process server = start(rootfs, config, serve, List.of(), log);
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
      try {
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(500))
            .failFast("the container exited", () -> !server.isAlive())
            .ignoreExceptions()
            .until(() -> status(http, ready) == 200);
      } catch (ConditionTimeoutException | TerminalFailureException e) {
        throw new AssertionError(e.getMessage() + "; its output:\n" + tail(log), e);
      }
      // The embedded database went to the volume, written by the non-root user.
      try (var files = Files.list(rootfs.resolve("data"))) {
        assertThat(files.filter(f -> !f.getFileName().toString().equals(".keep"))).isNotEmpty();
      }
    } finally {
      server.destroy();
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }

    // The Batch job's command: `batch nightly` after the entrypoint, on the data the server left.
    Path batchLog = temp.resolve("batch.log");
    Process batch = start(rootfs, config, env, List.of("batch", "nightly"), batchLog);
    boolean finished = batch.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      batch.destroy();
      batch.waitFor();
    }
    assertThat(finished && batch.exitValue() == 0).as(tail(batchLog)).isTrue();
    assertThat(Files.readString(batchLog)).contains("nightly ").contains(": done");
  }

  /** Removes the unpacked image before @TempDir does, which warns at every absolute symlink. */
  @AfterEach
  void removeUnpackedImage() throws Exception {
    run(
        List.of(
            "rm", "-rf", temp.resolve("rootfs").toString(), temp.resolve("archive").toString()));
  }

  /**
   * Runs the entrypoint with arguments appended, as `docker run IMAGE ARGS` does, in a private
   * mount namespace, so /proc and /dev are mounted for this run only. Every step execs, so the
   * Process is java itself and destroy() is the SIGTERM of a task stop. (No --fork: unshare's
   * parent ignores SIGTERM, and the test would wait on it.)
   */
  private static Process start(
      Path rootfs, JsonNode config, Map<String, String> env, List<String> args, Path log)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("unshare", "--mount", "sh", "-c", LAUNCH));
    command.addAll(List.of("launch", rootfs.toString()));
    command.add(config.get("User").asText());
    command.add(config.get("WorkingDir").asText());
    command.addAll(strings(config.get("Entrypoint")));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Mounts /proc and /dev inside the rootfs, then runs the entrypoint as the image would. */
  private static final String LAUNCH =
      """
      set -e
      root=$1 user=$2 dir=$3; shift 3
      mount -t proc proc "$root/proc"
      mount --rbind /dev "$root/dev"
      exec chroot --userspec="$user" "$root" /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$dir" "$@"
      """;

  private static int status(HttpClient http, URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static void requireRootAndChroot() throws IOException {
    String uid =
        Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(line -> line.startsWith("Uid:"))
            .map(line -> line.split("\\s+")[1])
            .findFirst()
            .orElse("?");
    boolean ready =
        uid.equals("0")
            && Files.isExecutable(Path.of("/usr/sbin/chroot"))
            && Files.isExecutable(Path.of("/usr/bin/unshare"));
    if (ready) {
      return;
    }
    String message = "running the image needs root, chroot and unshare (uid " + uid + ")";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(message + "; CI=true, so this fails instead of skipping");
    }
    Assumptions.abort(message + ": skipping");
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.asText()));
    return values;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(command + ": " + output).isZero();
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
