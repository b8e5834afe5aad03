package com.securecart.lambda.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A function's execution environment as a process: a JVM running the official runtime client
 * ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) with the handler string as
 * its argument, talking to a {@link RuntimeApiHarness}. Its output goes to a log file.
 */
public final class LambdaFunctionProcess implements AutoCloseable {
  public static final String RUNTIME_CLIENT_MAIN =
      "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  private final Process process;
  private final Path log;

  private LambdaFunctionProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * @param handler such as {@code com.securecart.lambda.AuthorizePaymentHandler::handleRequest}
   * @param classpath the function's jar and the runtime client's jars
   * @param env the function's configuration ({@code SECURECART_*}); the runtime's own variables are
   *     added
   * @param log where the process's output goes
   * @param jvmOptions extra JVM options (an AOT cache, say)
   */
  public static LambdaFunctionProcess start(
      RuntimeApiHarness api,
      String handler,
      String classpath,
      Map<String, String> env,
      Path log,
      String... jvmOptions)
      throws IOException {
    Path javaHome = Path.of(System.getProperty("java.home"));
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", classpath, RUNTIME_CLIENT_MAIN, handler));
    Files.createDirectories(log.toAbsolutePath().getParent());
    Path taskRoot = Files.createTempDirectory("lambda-task");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.put("AWS_LAMBDA_RUNTIME_API", api.runtimeApi());
    environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    environment.put("_HANDLER", handler);
    environment.put("AWS_REGION", "us-east-1");
    environment.put("AWS_LAMBDA_FUNCTION_NAME", "securecart-test");
    environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
    environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/securecart-test");
    environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "test");
    environment.putAll(env);
    return new LambdaFunctionProcess(builder.start(), log);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the environment at once, as a crash or a timeout would (SIGKILL). */
  public void kill() {
    process.destroyForcibly();
  }

  /** The process's output so far. */
  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
    }
  }
}
