package com.securecart.lambda;

import com.securecart.lambda.testing.Execution;
import com.securecart.lambda.testing.LambdaFunctionProcess;
import com.securecart.lambda.testing.LocalStepFunctions;
import com.securecart.lambda.testing.RunOptions;
import com.securecart.lambda.testing.RuntimeApiHarness;
import com.securecart.lambda.testing.TaskResult;
import com.securecart.server.testing.StepFunctionsStandIn;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * Step Functions for {@link PipelineScenariosIT}: an awsJson1_0 {@code StartExecution} endpoint
 * (what the server's outbox relay calls) that executes every execution it starts with {@link
 * LocalStepFunctions} over the given definition, its Task states answered by the real handlers
 * under the official runtime client, one JVM per function (started on its first invocation, then
 * kept for the class), each behind its own {@link RuntimeApiHarness}. A Task's {@code Resource} ARN
 * names the function; the handler class follows from the function's name.
 *
 * <p>A function process that dies while an invocation is in flight answers that invocation as
 * Lambda does to Step Functions, {@code Lambda.Unknown}, and the next invocation gets a fresh
 * process (a new execution environment), as Lambda would start one.
 */
final class ScenarioStepFunctions implements AutoCloseable {
  static final String STATE_MACHINE_ARN = StepFunctionsStandIn.STATE_MACHINE_ARN;
  private static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(90);

  /** One function: its harness (kept across processes) and its current process. */
  static final class Function {
    final String name;
    final RuntimeApiHarness api;
    volatile LambdaFunctionProcess process;
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger invocations = new AtomicInteger();

    Function(String name, RuntimeApiHarness api) {
      this.name = name;
      this.api = api;
    }

    /** Kills the current execution environment at once (SIGKILL). */
    void kill() {
      process.kill();
    }
  }

  private final String definition;
  private final Map<String, String> functionEnv;
  private final String[] jvmOptions;
  private final String classpath;
  private final LocalStepFunctions interpreter;
  private final StepFunctionsStandIn endpoint;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Function> functions = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Execution>> executions = new ConcurrentHashMap<>();
  private volatile RunOptions options = RunOptions.defaults();
  private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

  ScenarioStepFunctions(
      String definition,
      Map<String, String> functionEnv,
      LocalStepFunctions interpreter,
      String... jvmOptions) {
    this.definition = definition;
    this.functionEnv = Map.copyOf(functionEnv);
    this.jvmOptions = jvmOptions.clone();
    this.interpreter = interpreter;
    Path jar = Path.of(System.getProperty("securecart.lambda.jar", "missing"));
    if (!jar.toFile().isFile()) {
      throw new IllegalStateException("the shaded jar is missing (built by package): " + jar);
    }
    this.classpath =
        jar + File.pathSeparator + System.getProperty("securecart.lambda.runtimeClasspath", "");
    // The service's protocol (names, ExecutionAlreadyExists) is the server tests' stand-in; this
    // adds what it leaves out: running each started execution.
    this.endpoint = new StepFunctionsStandIn(this::started);
  }

  URI endpoint() {
    return endpoint.endpoint();
  }

  /** How the executions started from now on run (retry pauses, timeout). */
  void options(RunOptions next) {
    options = next;
  }

  /** Executions started from now on wait until {@link #resume} before they run. */
  void pause() {
    gate = new CompletableFuture<>();
  }

  void resume() {
    gate.complete(null);
  }

  /** The execution started under {@code name}, once it has ended. */
  Execution awaitExecution(String name, Duration timeout) throws Exception {
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> executions.containsKey(name));
    return executions.get(name).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** How many starts were refused with ExecutionAlreadyExists. */
  int refusedStarts() {
    return endpoint.startCalls() - endpoint.executions().size();
  }

  int executionCount() {
    return executions.size();
  }

  /** The step function named {@code name}, its process started if it has none alive. */
  Function function(String name) {
    return function(name, handlerOf(name));
  }

  /** The function named {@code name} running {@code handler}, started if it has no process. */
  Function function(String name, String handler) {
    Function function =
        functions.computeIfAbsent(
            name,
            n -> {
              try {
                return new Function(n, RuntimeApiHarness.start());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    synchronized (function) {
      if (function.process == null || !function.process.isAlive()) {
        try {
          int start = function.starts.incrementAndGet();
          function.process =
              LambdaFunctionProcess.start(
                  function.api,
                  handler,
                  classpath,
                  functionEnv,
                  Path.of("target", "lambda-logs", "scenarios", name + "-" + start + ".log"),
                  jvmOptions);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return function;
  }

  /** securecart-authorize-payment -> AuthorizePaymentHandler; ...-compensate -> ...Compensation. */
  static String handlerOf(String functionName) {
    String step = functionName.substring("securecart-".length());
    boolean compensation = step.endsWith("-compensate");
    if (compensation) {
      step = step.substring(0, step.length() - "-compensate".length());
    }
    StringBuilder pascal = new StringBuilder();
    for (String word : step.split("-")) {
      pascal.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return "com.securecart.lambda."
        + pascal
        + (compensation ? "CompensationHandler" : "Handler")
        + "::handleRequest";
  }

  /** What Lambda answers Step Functions for one invocation of the function the ARN names. */
  private TaskResult invoke(String resourceArn, String state, String inputJson) throws Exception {
    Function function = function(resourceArn.substring(resourceArn.lastIndexOf(':') + 1));
    function.invocations.incrementAndGet();
    LambdaFunctionProcess process = function.process;
    Future<RuntimeApiHarness.Result> answer =
        threads.submit(() -> function.api.invoke(inputJson, INVOKE_TIMEOUT));
    long deadline = System.nanoTime() + INVOKE_TIMEOUT.toNanos();
    while (true) {
      try {
        return answer.get(100, TimeUnit.MILLISECONDS).asTaskResult();
      } catch (TimeoutException stillRunning) {
        if (!process.isAlive() && !answer.isDone()) {
          // The environment died mid-invocation: Lambda reports an unhandled error, which Step
          // Functions names Lambda.Unknown. The invocation it held is abandoned with it.
          answer.cancel(true);
          return TaskResult.failure(
              "Lambda.Unknown",
              "Runtime exited with error: signal: killed (Runtime.ExitError) in " + state);
        }
        if (System.nanoTime() > deadline) {
          answer.cancel(true);
          return TaskResult.failure("Lambda.Unknown", "Task timed out in " + state);
        }
      }
    }
  }

  /** Runs an execution the endpoint started, once the gate is open. */
  private void started(StepFunctionsStandIn.Execution execution) {
    CompletableFuture<Execution> run = new CompletableFuture<>();
    executions.put(execution.name(), run);
    RunOptions runOptions = options;
    CompletableFuture<Void> waitFor = gate;
    String input = execution.input().toString();
    threads.submit(
        () -> {
          try {
            waitFor.join();
            run.complete(interpreter.run(definition, input, this::invoke, runOptions));
          } catch (Throwable t) {
            run.completeExceptionally(t);
          }
        });
  }

  @Override
  public void close() {
    endpoint.close();
    gate.complete(null);
    for (Function function : functions.values()) {
      try {
        if (function.process != null) {
          function.process.close();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      function.api.close();
    }
    threads.shutdownNow();
  }
}
