package com.securecart.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonLogFormatter formatter = new JsonLogFormatter();

  @Test
  void aRecordIsOneLineOfJsonWithItsParametersFormatted() throws Exception {
    LogRecord record = new LogRecord(Level.INFO, "step {0} for order {1} \"failed\"\n\tagain");
    record.setParameters(new Object[] {"authorize-payment", 42});
    record.setLoggerName("com.securecart.pipeline.PipelineRunner");

    String line = formatter.format(record);

    assertThat(line).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
    JsonNode json = JSON.readTree(line);
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("logger").asText()).isEqualTo("com.securecart.pipeline.PipelineRunner");
    assertThat(json.get("message").asText())
        .isEqualTo("step authorize-payment for order 42 \"failed\"\n\tagain");
    assertThat(json.get("timestamp").asText()).endsWith("Z");
    // No span is current here: no ids rather than invalid ones.
    assertThat(json.has("trace_id")).isFalse();
  }

  @Test
  void aStructuredEventsFieldsAreTopLevelFieldsAndCannotReplaceTheFormattersOwn() throws Exception {
    LogRecord record = new LogRecord(Level.INFO, "security event sign_in_failed");
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("event", "sign_in_failed");
    fields.put("trace_id", "0123456789abcdef0123456789abcdef");
    fields.put("level", "forged");
    record.setParameters(new Object[] {fields});
    record.setLoggerName("com.securecart.security");

    JsonNode json = JSON.readTree(formatter.format(record));

    assertThat(json.get("event").asText()).isEqualTo("sign_in_failed");
    assertThat(json.get("trace_id").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("message").asText()).isEqualTo("security event sign_in_failed");
  }

  @Test
  void anExceptionGoesIntoItsOwnFieldOnTheSameLine() throws Exception {
    LogRecord record = new LogRecord(Level.SEVERE, "unexpected error, incident abc");
    record.setThrown(new IllegalStateException("boom\u0001"));

    String line = formatter.format(record);

    assertThat(line).hasLineCount(1);
    JsonNode json = JSON.readTree(line);
    assertThat(json.get("exception").asText())
        .startsWith("java.lang.IllegalStateException: boom\u0001")
        .contains("at com.securecart.server.tracing.JsonLogFormatterTest");
  }
}
