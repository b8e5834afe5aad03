package com.securecart.server.tracing;

import com.securecart.outbox.OutboxEvent;
import com.securecart.pipeline.PipelineObserver;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.ServerRequest;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.contrib.awsxray.AwsXrayIdGenerator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.opentelemetry.JdbiOpenTelemetryPlugin;

/**
 * This instance's tracer: a server span per HTTP request (continuing an incoming W3C {@code
 * traceparent}), a span per SQL statement, and a span per pipeline step that continues the trace of
 * the request whose outbox event it handles. Trace ids carry their start time in the first 32 bits,
 * as AWS X-Ray requires. Spans leave the process only when an OTLP endpoint is configured;
 * otherwise they still give every log line its trace and span id.
 */
public final class Tracing implements AutoCloseable {
  private static final String TRACEPARENT = "traceparent";

  /** A span processor that does nothing: spans get ids, and go nowhere. */
  private static final SpanProcessor IDS_ONLY =
      new SpanProcessor() {
        @Override
        public void onStart(Context parentContext, io.opentelemetry.sdk.trace.ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
          return false;
        }

        @Override
        public void onEnd(io.opentelemetry.sdk.trace.ReadableSpan span) {}

        @Override
        public boolean isEndRequired() {
          return false;
        }
      };

  private final OpenTelemetrySdk sdk;
  private final Tracer tracer;

  /** Whether finished spans go anywhere (an exporter, a test's collector). */
  private final boolean exporting;

  private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();

  /**
   * @param otlpEndpoint OTLP/HTTP traces endpoint ({@code http://collector:4318/v1/traces}), or
   *     null to export nothing
   */
  public static Tracing create(String otlpEndpoint) {
    if (otlpEndpoint == null || otlpEndpoint.isBlank()) {
      // With no span processor at all the SDK hands out invalid spans, and logs and audit entries
      // would carry no trace id; one that ignores every span keeps the ids and sends nothing.
      return new Tracing(List.of(IDS_ONLY));
    }
    return new Tracing(
        List.of(
            BatchSpanProcessor.builder(
                    OtlpHttpSpanExporter.builder().setEndpoint(otlpEndpoint).build())
                .build()));
  }

  /** A tracer handing finished spans to {@code processors} (none: ids only, nothing sent). */
  public Tracing(List<SpanProcessor> processors) {
    var provider =
        SdkTracerProvider.builder()
            .setIdGenerator(AwsXrayIdGenerator.getInstance())
            .setSampler(Sampler.parentBased(new EntryPointsOnly()))
            .setResource(
                Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE, "securecart"))));
    processors.forEach(provider::addSpanProcessor);
    this.exporting = processors.stream().anyMatch(p -> p != IDS_ONLY);
    this.sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(provider.build())
            .setPropagators(ContextPropagators.create(propagator))
            .build();
    this.tracer = sdk.getTracer("com.securecart");
  }

  private static final io.opentelemetry.api.common.AttributeKey<String> SERVICE =
      io.opentelemetry.api.common.AttributeKey.stringKey("service.name");

  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  /**
   * Spans for every SQL statement, named by statement kind, with the SQL but no bound values; none
   * when spans go nowhere: a span per statement that nobody reads cost about 2% of the server's CPU
   * in a profile of {@code bench checkout} (issue 18), and the request's span already gives every
   * log line its ids.
   */
  public List<JdbiPlugin> jdbiPlugins() {
    return exporting ? List.of(new JdbiOpenTelemetryPlugin(sdk)) : List.of();
  }

  /** The current span's trace id (32 hex digits), or null outside a trace: for audit entries. */
  public static String currentTraceId() {
    var context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : null;
  }

  /**
   * The W3C {@code traceparent} of the current span, or null outside a trace; stored with each
   * outbox event.
   */
  public String currentTraceParent() {
    if (!Span.current().getSpanContext().isValid()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(Context.current(), carrier, Map::put);
    return carrier.get(TRACEPARENT);
  }

  /**
   * A server span around every request, current while it is handled, named by method and route
   * template once the route is known; 5xx answers mark it as an error.
   */
  public Filter httpFilter() {
    return (chain, req, res) -> {
      Context parent = propagator.extract(Context.root(), req, REQUEST_HEADERS);
      String method = req.prologue().method().text();
      Span span =
          tracer
              .spanBuilder(method)
              .setParent(parent)
              .setSpanKind(SpanKind.SERVER)
              .setAttribute("http.request.method", method)
              .startSpan();
      try (Scope ignored = span.makeCurrent()) {
        chain.proceed();
      } finally {
        String route = req.matchingPattern().filter(p -> !p.isEmpty()).orElse("unmatched");
        int status = res.status().code();
        span.updateName(method + " " + route);
        span.setAttribute("http.route", route);
        span.setAttribute("http.response.status_code", status);
        if (status >= 500) {
          span.setStatus(StatusCode.ERROR);
        }
        span.end();
      }
    };
  }

  /**
   * A span per pipeline step run, current while the step runs (so its SQL and the events it appends
   * belong to it), a child of the span that wrote the event.
   */
  public PipelineObserver pipelineObserver() {
    return (step, event) -> {
      Span span =
          tracer
              .spanBuilder("pipeline " + step)
              .setParent(parentOf(event))
              .setSpanKind(SpanKind.CONSUMER)
              .setAttribute("securecart.pipeline.step", step)
              .setAttribute("securecart.outbox.event_id", event.id())
              .setAttribute("securecart.outbox.event_type", event.type())
              .setAttribute("securecart.pipeline.attempt", event.attempts())
              .startSpan();
      Scope scope = span.makeCurrent();
      return new PipelineObserver.StepRun() {
        @Override
        public void finished(PipelineObserver.Outcome outcome) {
          span.setAttribute("securecart.pipeline.outcome", outcome.name().toLowerCase(Locale.ROOT));
          if (outcome != PipelineObserver.Outcome.DONE) {
            span.setStatus(StatusCode.ERROR, outcome.name());
          }
          scope.close();
          span.end();
        }

        @Override
        public void within(Runnable work) {
          // The batch's thread: the step's SQL and the events its effect appends join its trace.
          try (Scope onThisThread = span.makeCurrent()) {
            work.run();
          }
        }
      };
    };
  }

  private Context parentOf(OutboxEvent event) {
    if (event.traceParent() == null) {
      return Context.root();
    }
    return propagator.extract(Context.root(), Map.of(TRACEPARENT, event.traceParent()), MAP_GETTER);
  }

  @Override
  public void close() {
    sdk.close();
  }

  private static final TextMapGetter<ServerRequest> REQUEST_HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ServerRequest carrier) {
          return List.of(TRACEPARENT, "tracestate");
        }

        @Override
        public String get(ServerRequest carrier, String key) {
          return carrier == null
              ? null
              : carrier.headers().first(HeaderNames.create(key)).orElse(null);
        }
      };

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  /**
   * Samples traces that start at an entry point (a request, a pipeline step) and drops those that
   * would start anywhere else: the workers' polling queries would otherwise make a one-span trace
   * every few hundred milliseconds. Spans within a sampled trace follow their parent.
   */
  private static final class EntryPointsOnly implements Sampler {
    @Override
    public SamplingResult shouldSample(
        Context parentContext,
        String traceId,
        String name,
        SpanKind spanKind,
        Attributes attributes,
        List<LinkData> parentLinks) {
      return spanKind == SpanKind.SERVER || spanKind == SpanKind.CONSUMER
          ? SamplingResult.recordAndSample()
          : SamplingResult.drop();
    }

    @Override
    public String getDescription() {
      return "EntryPointsOnly";
    }
  }
}
