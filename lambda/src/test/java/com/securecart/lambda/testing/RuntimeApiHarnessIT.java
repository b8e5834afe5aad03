package com.securecart.lambda.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The harness's side of the Runtime API, driven by a plain HTTP client playing the runtime client:
 * what a function process sees, and what {@link RuntimeApiHarness#invoke} answers.
 */
class RuntimeApiHarnessIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anEventGoesOutWithItsHeadersAndTheResponseComesBack() throws Exception {
    try (RuntimeApiHarness api = RuntimeApiHarness.start()) {
      CompletableFuture<RuntimeApiHarness.Result> answer = invokeAsync(api, "{\"orderId\":1}");

      HttpResponse<String> next = next(api);

      assertThat(next.statusCode()).isEqualTo(200);
      assertThat(next.body()).isEqualTo("{\"orderId\":1}");
      String id = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
      assertThat(next.headers().firstValue("Lambda-Runtime-Deadline-Ms")).isPresent();
      assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
          .hasValueSatisfying(arn -> assertThat(arn).startsWith("arn:aws:lambda:"));
      assertThat(post(api, "invocation/" + id + "/response", "{\"ok\":true}").statusCode())
          .isEqualTo(202);
      assertThat(answer.get()).isEqualTo(new RuntimeApiHarness.Result.Success("{\"ok\":true}"));
      assertThat(answer.get().asTaskResult()).isEqualTo(TaskResult.success("{\"ok\":true}"));
    }
  }

  @Test
  void anErrorComesBackWithItsTypeAndMessage() throws Exception {
    try (RuntimeApiHarness api = RuntimeApiHarness.start()) {
      CompletableFuture<RuntimeApiHarness.Result> answer = invokeAsync(api, "{}");
      String id = next(api).headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();

      post(
          api,
          "invocation/" + id + "/error",
          "{\"errorMessage\":\"away\",\"errorType\":\"com.example.Transient\",\"stackTrace\":[]}");

      assertThat(answer.get().asTaskResult())
          .isEqualTo(TaskResult.failure("com.example.Transient", "away"));
      assertThat(post(api, "invocation/" + id + "/response", "{}").statusCode())
          .as("an answered request id is unknown")
          .isEqualTo(404);
    }
  }

  @Test
  void anInitErrorFailsTheWaitingAndTheNextInvocations() throws Exception {
    try (RuntimeApiHarness api = RuntimeApiHarness.start()) {
      CompletableFuture<RuntimeApiHarness.Result> waiting = invokeAsync(api, "{}");

      post(api, "init/error", "{\"errorMessage\":\"no class\",\"errorType\":\"Runtime.Init\"}");

      RuntimeApiHarness.Result.Failure expected =
          new RuntimeApiHarness.Result.Failure(
              "Runtime.Init",
              "no class",
              "{\"errorMessage\":\"no class\",\"errorType\":\"Runtime.Init\"}");
      assertThat(waiting.get()).isEqualTo(expected);
      assertThat(api.invoke("{}", TIMEOUT)).isEqualTo(expected);
      assertThat(api.initError()).contains(expected);
    }
  }

  @Test
  void anInvocationNobodyAnswersTimesOut() throws Exception {
    try (RuntimeApiHarness api = RuntimeApiHarness.start()) {
      assertThatThrownBy(() -> api.invoke("{}", Duration.ofMillis(300)))
          .isInstanceOf(TimeoutException.class);
    }
  }

  private static CompletableFuture<RuntimeApiHarness.Result> invokeAsync(
      RuntimeApiHarness api, String payload) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return api.invoke(payload, TIMEOUT);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private HttpResponse<String> next(RuntimeApiHarness api) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(api, "invocation/next")).timeout(TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(RuntimeApiHarness api, String path, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(api, path))
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(RuntimeApiHarness api, String path) {
    return URI.create("http://" + api.runtimeApi() + "/2018-06-01/runtime/" + path);
  }
}
