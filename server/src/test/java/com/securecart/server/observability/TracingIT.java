package com.securecart.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.server.tracing.JsonLogFormatter;
import com.securecart.server.tracing.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace from a checkout request through its SQL and the outbox to every pipeline step it
 * causes, trace ids X-Ray accepts, and JSON log lines that carry the trace id and no secrets.
 */
class TracingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static final List<String> LOG_LINES = new CopyOnWriteArrayList<>();
  private static final Handler CAPTURE =
      new Handler() {
        private final JsonLogFormatter formatter = new JsonLogFormatter();

        @Override
        public void publish(LogRecord record) {
          LOG_LINES.add(formatter.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private static TestApp app;
  private static Api api;
  private static String admin;

  @BeforeAll
  static void start() {
    Logger.getLogger("").addHandler(CAPTURE);
    app =
        TestApp.startTraced(
            Engine.H2, c -> c, new Tracing(List.of(SimpleSpanProcessor.create(SPANS))));
    api = app.api();
    admin = app.adminToken();
  }

  @AfterAll
  static void stop() {
    Logger.getLogger("").removeHandler(CAPTURE);
    app.close();
  }

  @Test
  void oneTraceRunsFromTheCheckoutRequestThroughSqlAndTheOutboxToEveryPipelineStep() {
    long product = api.createProduct(admin, "TRACE-OK", 1_500, 10);
    String cart = api.cartWith(product, 1);
    String traceId = newTraceId();
    String callerSpan = HexFormat.of().formatHex(randomBytes(8));

    Api.Response placed =
        api.checkout(cart, "tok_visa", "traceparent", "00-" + traceId + "-" + callerSpan + "-01");
    assertThat(placed.status()).isEqualTo(201);

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(names(trace(traceId)))
                    .contains(
                        "POST /api/checkout",
                        "pipeline authorize-payment",
                        "pipeline confirm-order",
                        "pipeline send-confirmation"));
    List<SpanData> trace = trace(traceId);
    SpanData request = only(trace, "POST /api/checkout");
    assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(request.getParentSpanId()).isEqualTo(callerSpan);
    assertThat(request.getAttributes().asMap().toString()).contains("/api/checkout");

    List<SpanData> requestSql =
        childrenOf(trace, request).stream().filter(s -> s.getName().startsWith("jdbi.")).toList();
    assertThat(requestSql).isNotEmpty();
    assertThat(requestSql.stream().map(s -> String.valueOf(s.getAttributes().asMap())))
        .anyMatch(sql -> sql.contains("INSERT INTO outbox"));

    // The request's outbox event carried its context: the first step is the request's child,
    // and each step the child of the step whose event it handles.
    SpanData authorize = only(trace, "pipeline authorize-payment");
    SpanData confirm = only(trace, "pipeline confirm-order");
    SpanData mail = only(trace, "pipeline send-confirmation");
    assertThat(authorize.getParentSpanId()).isEqualTo(request.getSpanId());
    assertThat(confirm.getParentSpanId()).isEqualTo(authorize.getSpanId());
    assertThat(mail.getParentSpanId()).isEqualTo(confirm.getSpanId());
    assertThat(authorize.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(childrenOf(trace, authorize)).anyMatch(s -> s.getName().startsWith("jdbi."));

    // Statement spans carry the SQL, never its values.
    String everything =
        trace.stream().map(s -> s.getAttributes().asMap().toString()).collect(Collectors.joining());
    assertThat(everything).doesNotContain("tok_visa").doesNotContain("1 Main Street");
  }

  @Test
  void traceIdsStartWithTheirStartTimeInSecondsAsXRayRequires() {
    long before = Instant.now().getEpochSecond();
    assertThat(api.get("/api/products?limit=1").status()).isEqualTo(200);
    long after = Instant.now().getEpochSecond();

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lastServerSpan("GET /api/products").isPresent());
    String traceId = lastServerSpan("GET /api/products").orElseThrow().getTraceId();
    long seconds = Long.parseLong(traceId.substring(0, 8), 16);
    assertThat(seconds).isBetween(before - 1, after + 1);
  }

  @Test
  void aCheckoutsLogLinesCarryItsTraceIdAndNoTokenPasswordOrAddress() throws Exception {
    long product = api.createProduct(admin, "TRACE-LOG", 1_500, 10);
    String customer = api.newCustomer("log-buyer@example.com");
    String cart = api.cartWith(product, 1, Api.bearer(customer));
    String traceId = newTraceId();
    String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";

    // tok_processingError fails twice before approving: the pipeline logs each retry.
    Api.Response placed =
        api.checkout(
            cart,
            "tok_processingError",
            "traceparent",
            traceparent,
            "Authorization",
            "Bearer " + customer);
    assertThat(placed.status()).isEqualTo(201);

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> LOG_LINES.stream().anyMatch(l -> l.contains(traceId)));
    List<String> lines = LOG_LINES.stream().filter(l -> l.contains(traceId)).toList();
    for (String line : lines) {
      assertThat(line).endsWith("}\n");
      JsonNode json = JSON.readTree(line);
      assertThat(json.get("trace_id").asText()).isEqualTo(traceId);
      assertThat(json.get("span_id").asText()).hasSize(16);
      assertThat(json.get("timestamp").asText()).isNotBlank();
      assertThat(json.get("level").asText()).isNotBlank();
      assertThat(json.get("logger").asText()).isNotBlank();
      assertThat(json.get("message").asText()).isNotBlank();
    }
    assertThat(lines).anyMatch(l -> l.contains("authorize-payment"));
    assertThat(String.join("", LOG_LINES))
        .doesNotContain("tok_processingError")
        .doesNotContain("1 Main Street")
        .doesNotContain(customer)
        .doesNotContain(TestApp.ADMIN_PASSWORD)
        .doesNotContain("correct horse battery")
        .doesNotContain(placed.json().get("accessToken").asText());
  }

  private static String newTraceId() {
    return HexFormat.of().formatHex(randomBytes(16));
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  private static List<SpanData> trace(String traceId) {
    return SPANS.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(traceId))
        .toList();
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(SpanData::getName).toList();
  }

  private static SpanData only(List<SpanData> spans, String name) {
    List<SpanData> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as(name).hasSize(1);
    return named.get(0);
  }

  private static List<SpanData> childrenOf(List<SpanData> spans, SpanData parent) {
    return spans.stream().filter(s -> s.getParentSpanId().equals(parent.getSpanId())).toList();
  }

  private static Optional<SpanData> lastServerSpan(String name) {
    List<SpanData> all = SPANS.getFinishedSpanItems();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).getName().equals(name) && all.get(i).getKind() == SpanKind.SERVER) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }
}
