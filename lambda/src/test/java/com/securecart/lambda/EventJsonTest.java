package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A malformed event fails; it is never read as some other order. */
class EventJsonTest {

  private static StepInput read(String json) {
    return EventJson.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), StepInput.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"orderId\": 42.7, \"event\": \"order.placed\"}",
        "{\"orderId\": \"42\", \"event\": \"order.placed\"}",
        "{\"orderId\": true, \"event\": \"order.placed\"}",
        "{\"orderId\": 42, \"event\": 17}",
        "{\"orderId\": 42, \"event\": false}",
        "{\"event\": \"order.placed\"}",
        "[42, \"order.placed\"]",
        "not json"
      })
  void aValueOfTheWrongTypeIsABadEvent(String json) {
    assertThatThrownBy(() -> read(json)).isInstanceOf(BadEventException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"orderId\": 42, \"event\": \"order.placed\"}",
        "{\"orderId\": 42, \"event\": \"order.placed\", \"error\": {\"Error\": \"x\"}}"
      })
  void aWellFormedEventIsRead(String json) {
    assertThat(read(json)).isEqualTo(new StepInput(42, "order.placed"));
  }
}
