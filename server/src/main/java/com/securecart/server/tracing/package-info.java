/**
 * Traces and structured logs: an OpenTelemetry tracer made once per server instance ({@code
 * SecureCart}) (a server span per request, JDBI statement spans, a span per pipeline step joined to
 * the request through the traceparent stored with each outbox event), and the JSON log format whose
 * lines carry the current trace and span ids. See docs/adr/0010-tracing-and-logs.md.
 *
 * <p>Why the dependencies: {@code opentelemetry-sdk} (tracer, W3C propagator, sampler), {@code
 * opentelemetry-exporter-otlp} with the JDK HTTP sender (OTLP export when configured, no OkHttp),
 * {@code opentelemetry-aws-xray} (trace ids X-Ray accepts) and {@code jdbi3-opentelemetry}
 * (statement spans without bound values).
 */
package com.securecart.server.tracing;
