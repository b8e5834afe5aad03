package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationHandlerTest {
  @Test
  void aWellFormedBodyNamesTheOrderAndTheEvent() {
    assertThat(NotificationHandler.parse("{\"orderId\": 42, \"event\": \"order.confirmed\"}"))
        .isEqualTo(new StepInput(42, "order.confirmed"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[42]",
        "{\"event\": \"order.confirmed\"}",
        "{\"orderId\": \"42\", \"event\": \"order.confirmed\"}",
        "{\"orderId\": 4.5, \"event\": \"order.confirmed\"}",
        "{\"orderId\": 0, \"event\": \"order.confirmed\"}",
        "{\"orderId\": -3, \"event\": \"order.confirmed\"}",
        "{\"orderId\": 99999999999999999999, \"event\": \"order.confirmed\"}",
        "{\"orderId\": 42}",
        "{\"orderId\": 42, \"event\": 7}",
        "{\"orderId\": 42, \"event\": \" \"}"
      })
  void aMalformedBodyIsABadEvent(String body) {
    assertThatThrownBy(() -> NotificationHandler.parse(body)).isInstanceOf(BadEventException.class);
  }
}
