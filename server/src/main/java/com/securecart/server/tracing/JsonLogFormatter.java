package com.securecart.server.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code timestamp, level, logger, message, trace_id, span_id,
 * exception}, and the fields of a structured event (a record whose one parameter is a map, as
 * security events are). The trace and span ids are those current on the thread that logs, so a line
 * can be found from a trace and a trace from a line. What is logged is the caller's business: the
 * callers never pass passwords, tokens, addresses or SQL values (Problems logs exceptions redacted,
 * JDBI renders statements without their values), and this formatter adds nothing but the ids.
 */
public final class JsonLogFormatter extends Formatter {
  /** The formatter's own fields, which an event's fields never replace or repeat. */
  private static final java.util.Set<String> RESERVED =
      java.util.Set.of("timestamp", "level", "logger", "message", "span_id", "exception");

  @Override
  public String format(LogRecord record) {
    StringBuilder json = new StringBuilder(256).append('{');
    field(json, "timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
    json.append(',');
    field(json, "level", record.getLevel().getName());
    json.append(',');
    field(json, "logger", record.getLoggerName());
    json.append(',');
    field(json, "message", formatMessage(record));
    Map<?, ?> fields = structured(record);
    fields.forEach(
        (k, v) -> {
          if (RESERVED.contains(String.valueOf(k))) {
            return;
          }
          json.append(',');
          field(json, String.valueOf(k), v == null ? null : String.valueOf(v));
        });
    SpanContext span = Span.current().getSpanContext();
    // An event logged after its request's span ended carries the trace id itself.
    if (span.isValid() && !fields.containsKey("trace_id")) {
      json.append(',');
      field(json, "trace_id", span.getTraceId());
      json.append(',');
      field(json, "span_id", span.getSpanId());
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      json.append(',');
      field(json, "exception", trace.toString());
    }
    return json.append("}\n").toString();
  }

  /**
   * Fields of a structured event (security events): a record whose one parameter is a map adds each
   * entry as a top-level field, so that the log pipeline can filter on them.
   */
  private static Map<?, ?> structured(LogRecord record) {
    Object[] params = record.getParameters();
    return params != null && params.length == 1 && params[0] instanceof Map<?, ?> map
        ? map
        : Map.of();
  }

  private static void field(StringBuilder json, String name, String value) {
    json.append('"').append(name).append("\":");
    if (value == null) {
      json.append("null");
      return;
    }
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
