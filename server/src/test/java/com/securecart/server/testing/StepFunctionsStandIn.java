package com.securecart.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in for the Step Functions endpoint, in test code: it speaks the service's awsJson1_0
 * protocol for {@code StartExecution} only, records the executions it started by name, and refuses
 * every second start of a name with {@code ExecutionAlreadyExists} (Step Functions refuses it for a
 * closed execution or another input, and answers a running one with the same input with that
 * execution: the relay takes both as done). It runs no state machine: the relay's part ends at the
 * start. It can be stopped and started again on the same port, to play an endpoint that is
 * unreachable for a while.
 */
public final class StepFunctionsStandIn implements AutoCloseable {
  public static final String STATE_MACHINE_ARN =
      "arn:aws:states:us-east-1:123456789012:stateMachine:securecart-order-pipeline";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An execution as started: its name and its input, parsed. */
  public record Execution(String name, JsonNode input) {}

  private final Map<String, Execution> executions = new LinkedHashMap<>();
  private final Consumer<Execution> onStart;
  private final AtomicInteger startCalls = new AtomicInteger();
  private int port;
  private HttpServer server;

  public StepFunctionsStandIn() {
    this(execution -> {});
  }

  /**
   * @param onStart told of each execution it started (not of a refused repeat), after the answer is
   *     decided: a test runs the state machine there
   */
  public StepFunctionsStandIn(Consumer<Execution> onStart) {
    this.onStart = onStart;
    start();
  }

  public synchronized void start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  /** Stops listening: calls fail to connect until {@link #start} binds the same port again. */
  public synchronized void stop() {
    server.stop(0);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public synchronized Map<String, Execution> executions() {
    return Map.copyOf(executions);
  }

  /** Every StartExecution call answered, started or refused. */
  public int startCalls() {
    return startCalls.get();
  }

  public synchronized void reset() {
    executions.clear();
    startCalls.set(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      if (!"AWSStepFunctions.StartExecution".equals(target)) {
        answer(exchange, 400, error("UnknownOperationException", "stand-in: " + target));
        return;
      }
      startCalls.incrementAndGet();
      String arn = body.path("stateMachineArn").asText();
      String name = body.path("name").asText();
      if (!STATE_MACHINE_ARN.equals(arn)) {
        answer(exchange, 400, error("StateMachineDoesNotExist", "State Machine Does Not Exist"));
        return;
      }
      String executionArn = arn.replace(":stateMachine:", ":execution:") + ":" + name;
      synchronized (this) {
        if (executions.containsKey(name)) {
          answer(
              exchange,
              400,
              error("ExecutionAlreadyExists", "Execution Already Exists: '" + executionArn + "'"));
          return;
        }
        Execution started = new Execution(name, JSON.readTree(body.path("input").asText()));
        executions.put(name, started);
        onStart.accept(started);
      }
      answer(
          exchange,
          200,
          JSON.createObjectNode()
              .put("executionArn", executionArn)
              .put("startDate", System.currentTimeMillis() / 1000.0)
              .toString());
    }
  }

  private static String error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message).toString();
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public synchronized void close() {
    server.stop(0);
  }
}
