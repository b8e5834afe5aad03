package com.securecart.lambda.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small AWS Lambda Runtime API (the contract the official runtime client speaks, version
 * 2018-06-01) for tests: a function process started with {@code AWS_LAMBDA_RUNTIME_API} set to
 * {@link #runtimeApi()} long-polls it for events, and {@link #invoke} hands it one and waits for
 * its answer. AWS's Runtime Interface Emulator is not reachable here; this stands in for it.
 *
 * <pre>{@code
 * try (RuntimeApiHarness api = RuntimeApiHarness.start();
 *     LambdaFunctionProcess fn = LambdaFunctionProcess.start(api, handler, classpath, env, log)) {
 *   RuntimeApiHarness.Result r = api.invoke("{\"orderId\":1,\"event\":\"order.placed\"}", timeout);
 * }
 * }</pre>
 *
 * <p>Implemented: {@code GET /2018-06-01/runtime/invocation/next} (blocks until an event is
 * queued), {@code POST .../invocation/{id}/response}, {@code POST .../invocation/{id}/error} and
 * {@code POST /2018-06-01/runtime/init/error} (which fails every waiting invocation). One harness
 * serves one function: events are handed out in order to whichever process asks.
 */
public final class RuntimeApiHarness implements AutoCloseable {
  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final String FUNCTION_ARN =
      "arn:aws:lambda:us-east-1:123456789012:function:securecart-test";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a function answered. */
  public sealed interface Result {
    /** The same answer as a {@link LocalStepFunctions} Task result. */
    default TaskResult asTaskResult() {
      return switch (this) {
        case Success success -> TaskResult.success(success.body());
        case Failure failure -> TaskResult.failure(failure.errorType(), failure.errorMessage());
      };
    }

    /** The handler returned: its output as JSON. */
    record Success(String body) implements Result {}

    /**
     * The handler (or the runtime's initialization) failed: the runtime client reports the
     * exception's fully qualified class name as {@code errorType}.
     */
    record Failure(String errorType, String errorMessage, String body) implements Result {}
  }

  private record Invocation(
      String id, String payload, long deadlineMs, CompletableFuture<Result> answer) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
  private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
  private final AtomicReference<Result.Failure> initError = new AtomicReference<>();
  private volatile boolean closed;

  private RuntimeApiHarness(HttpServer server) {
    this.server = server;
  }

  /** Starts the API on a free loopback port. */
  public static RuntimeApiHarness start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    RuntimeApiHarness harness = new RuntimeApiHarness(server);
    server.createContext(PREFIX, harness::handle);
    server.setExecutor(harness.executor);
    server.start();
    return harness;
  }

  /** The value of {@code AWS_LAMBDA_RUNTIME_API} for the function process: host and port. */
  public String runtimeApi() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Hands {@code jsonPayload} to the function and waits for its answer.
   *
   * @throws TimeoutException if no answer came within {@code timeout} (the event is withdrawn if no
   *     process took it yet)
   */
  public Result invoke(String jsonPayload, Duration timeout)
      throws TimeoutException, InterruptedException {
    Result.Failure failedInit = initError.get();
    if (failedInit != null) {
      return failedInit;
    }
    Invocation invocation =
        new Invocation(
            UUID.randomUUID().toString(),
            jsonPayload,
            System.currentTimeMillis() + timeout.toMillis(),
            new CompletableFuture<>());
    queued.add(invocation);
    try {
      return invocation.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      queued.remove(invocation);
      inFlight.remove(invocation.id());
      throw new TimeoutException("the function gave no answer within " + timeout);
    }
  }

  /** The failure the runtime reported while initializing the function, if it did. */
  public Optional<Result.Failure> initError() {
    return Optional.ofNullable(initError.get());
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals("invocation/next")) {
        next(exchange);
      } else if (method.equals("POST") && path.equals("init/error")) {
        Result.Failure failure = failure(exchange);
        initError.set(failure);
        queued.forEach(i -> i.answer().complete(failure));
        inFlight.values().forEach(i -> i.answer().complete(failure));
        accepted(exchange);
      } else if (method.equals("POST")
          && path.startsWith("invocation/")
          && path.endsWith("/response")) {
        Invocation invocation = inFlight.remove(requestId(path, "/response"));
        if (invocation == null) {
          send(exchange, 404, "{\"errorMessage\":\"unknown request id\"}");
          return;
        }
        invocation.answer().complete(new Result.Success(body(exchange)));
        accepted(exchange);
      } else if (method.equals("POST")
          && path.startsWith("invocation/")
          && path.endsWith("/error")) {
        Invocation invocation = inFlight.remove(requestId(path, "/error"));
        if (invocation == null) {
          send(exchange, 404, "{\"errorMessage\":\"unknown request id\"}");
          return;
        }
        invocation.answer().complete(failure(exchange));
        accepted(exchange);
      } else {
        send(exchange, 404, "{\"errorMessage\":\"no such route\"}");
      }
    }
  }

  /** Long-polls for the next event, as the real API does; a closing harness ends the poll. */
  private void next(HttpExchange exchange) throws IOException {
    Invocation invocation = null;
    try {
      while (invocation == null && !closed) {
        invocation = queued.poll(200, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (invocation == null) {
      send(exchange, 500, "{\"errorMessage\":\"the harness is closing\"}");
      return;
    }
    inFlight.put(invocation.id(), invocation);
    var headers = exchange.getResponseHeaders();
    headers.add("Lambda-Runtime-Aws-Request-Id", invocation.id());
    headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMs()));
    headers.add("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
    headers.add(
        "Lambda-Runtime-Trace-Id",
        "Root=1-00000000-" + invocation.id().replace("-", "").substring(0, 24) + ";Sampled=0");
    send(exchange, 200, invocation.payload());
  }

  private static String requestId(String path, String suffix) {
    return path.substring("invocation/".length(), path.length() - suffix.length());
  }

  private static Result.Failure failure(HttpExchange exchange) throws IOException {
    String body = body(exchange);
    String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
    String message = null;
    try {
      JsonNode json = JSON.readTree(body);
      if (json.hasNonNull("errorType")) {
        type = json.get("errorType").asText();
      }
      message = json.hasNonNull("errorMessage") ? json.get("errorMessage").asText() : null;
    } catch (IOException e) {
      // Not JSON: keep the header's type and the raw body.
    }
    return new Result.Failure(type, message, body);
  }

  private static String body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void accepted(HttpExchange exchange) throws IOException {
    send(exchange, 202, "{\"status\":\"OK\"}");
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
