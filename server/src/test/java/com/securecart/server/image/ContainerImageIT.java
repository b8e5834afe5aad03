package com.securecart.server.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image Jib wrote (target/jib-image.tar, built with -Pimage on a local amd64 base by
 * ops/image/test.sh): its config is what ECS and Batch rely on, and its filesystem, unpacked and
 * entered with chroot as the image's user with the api role, serves /health/ready, and then runs
 * the Batch job's `batch nightly` on the data the server left; and the recommendations pod of
 * ops/k8s runs from it as its manifest says. No Docker, registry or cluster is needed; root is (for
 * chroot and mounts). Skipped when the image was not built in this run.
 */
class ContainerImageIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;

  private static JsonNode image;
  private static JsonNode config;
  private static Map<String, String> env;
  private static Path rootfs;

  /** Unpacks the image's layers once, as a container runtime would, for both tests. */
  @BeforeAll
  static void unpack() throws Exception {
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
    image = JSON.readTree(archive.resolve(manifest.get("Config").asText()).toFile());
    config = image.get("config");
    env = new HashMap<>();
    for (String pair : strings(config.get("Env"))) {
      env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    rootfs = Files.createDirectories(temp.resolve("rootfs"));
    for (JsonNode layer : manifest.get("Layers")) {
      // Jib's layers carry libarchive headers GNU tar does not know; they are harmless.
      String file = archive.resolve(layer.asText()).toString();
      run(List.of("tar", "--warning=no-unknown-keyword", "-xf", file, "-C", rootfs.toString()));
    }
  }

  @Test
  void theImageIsConfiguredForEcsServesAndRunsTheNightlyBatch() throws Exception {

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
    assertThat(env).containsEntry("SECURECART_DATA_DIR", "/data");
    assertThat(config.get("Labels").has("org.opencontainers.image.version")).isTrue();

    int port = freePort();
    Map<String, String> serve = new HashMap<>(env);
    serve.put("SECURECART_ROLES", "api");
    serve.put("SECURECART_PORT", "" + port);
    serve.put("SECURECART_DEMO_PRODUCTS", "200");
    Path log = temp.resolve("server.log");
    Process server = start(imageRun(serve, List.of()), log);
    try {
      HttpClient http = HttpClient.newHttpClient();
      awaitStatus(http, URI.create("http://127.0.0.1:" + port + "/health/ready"), server, log);
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
    Process batch = start(imageRun(env, List.of("batch", "nightly")), batchLog);
    boolean finished = batch.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      batch.destroy();
      batch.waitFor();
    }
    assertThat(finished && batch.exitValue() == 0).as(tail(batchLog)).isTrue();
    assertThat(Files.readString(batchLog)).contains("nightly ").contains(": done");
  }

  /**
   * The recommendations Deployment of ops/k8s's local overlay, rendered by ops/image/test.sh, run
   * from the image the way the kubelet would: the manifest's environment and user, its root
   * filesystem read-only with its emptyDir volumes as the only writable paths, the database login
   * as the Secret would give it, ready by its readiness probe, answering from a PostgreSQL database
   * a shop in this JVM filled, and gone within the termination grace period after SIGTERM.
   */
  @Test
  void theRecommendationsPodRunsAsItsManifestSays() throws Exception {
    String rendered = System.getProperty("securecart.k8s.render", "");
    assertThat(Path.of(rendered))
        .as("ops/image/test.sh renders ops/k8s/overlays/local with kubectl first")
        .isRegularFile();
    PodSpec pod = PodSpec.of(Path.of(rendered), "securecart-recommendations");
    assertThat(pod.env()).containsEntry("SECURECART_ROLES", "recommendations");
    assertThat(pod.readOnlyRoot()).isTrue();
    assertThat(pod.secretRefs()).containsExactly("securecart-db");

    // The shop stops but leaves its database (close() would drop it), which the pod then reads.
    TestApp shop = TestApp.start(TestDatabases.Engine.POSTGRES);
    Api api = shop.api();
    String admin = shop.adminToken();
    long a = api.createProduct(admin, "POD-A", 1_000, 100);
    long b = api.createProduct(admin, "POD-B", 1_000, 100);
    long c = api.createProduct(admin, "POD-C", 1_000, 100);
    api.buyEachConfirmed(api.newCustomer("pod1@example.com"), a, b);
    api.buyEachConfirmed(api.newCustomer("pod2@example.com"), a, b);
    api.buyEachConfirmed(api.newCustomer("pod3@example.com"), c);
    String database = shop.dbUrl();
    shop.stopKeepingDatabase();
    int port = freePort();
    Map<String, String> podEnv = new HashMap<>(env);
    podEnv.putAll(pod.env());
    // The Secret securecart-db, with the keys ops/k8s/README.md's `kubectl create secret` gives it.
    podEnv.put("SECURECART_DB_URL", database);
    podEnv.put("SECURECART_METRICS_TOKEN", "a-metrics-token-for-the-pod-test");
    // A pod has its own network namespace and so port 8080; this one shares the host's.
    podEnv.put("SECURECART_PORT", "" + port);
    List<String> command = new ArrayList<>(strings(config.get("Entrypoint")));
    command.addAll(pod.args());
    Launch launch =
        new Launch(
            pod.user(),
            config.get("WorkingDir").asText(),
            true,
            pod.writablePaths(),
            podEnv,
            command);
    Path log = temp.resolve("recommendations.log");
    Process server = start(launch, log);
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      awaitStatus(http, URI.create(base + pod.readinessPath()), server, log);
      JsonNode answer =
          JSON.readTree(
              http.send(
                      HttpRequest.newBuilder(
                              URI.create(base + "/api/recommendations/products/" + a + "?limit=3"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      List<Long> ids = new ArrayList<>();
      answer.path("items").forEach(item -> ids.add(item.get("id").asLong()));
      assertThat(ids).as(answer.toString()).contains(b).doesNotContain(a);
      // Only its own routes: the catalog is another role's.
      assertThat(status(http, URI.create(base + "/api/products"))).isEqualTo(404);
    } finally {
      server.destroy();
      boolean stopped = server.waitFor(pod.terminationGraceSeconds(), TimeUnit.SECONDS);
      if (!stopped) {
        server.destroyForcibly().waitFor();
      }
      TestDatabases.drop(database);
      assertThat(stopped)
          .as("SIGTERM ends it within terminationGracePeriodSeconds; " + tail(log))
          .isTrue();
    }
  }

  private static Launch imageRun(Map<String, String> env, List<String> args) {
    List<String> command = new ArrayList<>(strings(config.get("Entrypoint")));
    command.addAll(args);
    return new Launch(
        config.get("User").asText(),
        config.get("WorkingDir").asText(),
        false,
        List.of(),
        env,
        command);
  }

  /** Removes the unpacked image before @TempDir does, which warns at every absolute symlink. */
  @AfterAll
  static void removeUnpackedImage() throws Exception {
    run(
        List.of(
            "rm", "-rf", temp.resolve("rootfs").toString(), temp.resolve("archive").toString()));
  }

  /**
   * How to run the image: as {@code user}, in {@code dir}, with the root filesystem read-only
   * except for tmpfs mounts on {@code writable} (a pod's emptyDir volumes) when {@code readOnly}.
   */
  private record Launch(
      String user,
      String dir,
      boolean readOnly,
      List<String> writable,
      Map<String, String> env,
      List<String> command) {}

  /**
   * Runs the entrypoint with arguments appended, as `docker run IMAGE ARGS` does, in a private
   * mount namespace, so /proc, /dev and the read-only and tmpfs mounts are this run's only. Every
   * step execs, so the Process is java itself and destroy() is the SIGTERM of a task stop. (No
   * --fork: unshare's parent ignores SIGTERM, and the test would wait on it.)
   */
  private static Process start(Launch launch, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of("unshare", "--mount", "sh", "-c", LAUNCH));
    command.addAll(List.of("launch", rootfs.toString(), launch.user(), launch.dir()));
    command.add(Boolean.toString(launch.readOnly()));
    command.add(String.join(" ", launch.writable()));
    command.addAll(launch.command());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(launch.env());
    return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Mounts what the run needs inside the rootfs, then runs the entrypoint as the image would. */
  private static final String LAUNCH =
      """
      set -e
      root=$1 user=$2 dir=$3 readonly=$4 writable=$5; shift 5
      if [ "$readonly" = true ]; then
        mount --bind "$root" "$root"
        mount -o remount,bind,ro "$root"
      fi
      mount -t proc proc "$root/proc"
      mount --rbind /dev "$root/dev"
      for path in $writable; do
        mount -t tmpfs -o mode=1777 tmpfs "$root$path"
      done
      exec chroot --userspec="$user" "$root" /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$dir" "$@"
      """;

  private static void awaitStatus(HttpClient http, URI uri, Process server, Path log)
      throws IOException {
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .failFast("the container exited", () -> !server.isAlive())
          .ignoreExceptions()
          .until(() -> status(http, uri) == 200);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new AssertionError(e.getMessage() + "; its output:\n" + tail(log), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

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
