package com.securecart.lambda;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The handlers' own JSON mapping of their records. The managed runtime's bundled serializer (an
 * old, shaded Jackson) cannot construct records (RuntimeClientIT saw "no Creators" for StepInput),
 * and it would report a malformed event as a bare RuntimeException; so the handlers take the raw
 * stream and map it here, where a malformed event is a {@link BadEventException}.
 */
final class EventJson {
  static final ObjectMapper MAPPER = mapper();

  private EventJson() {}

  /**
   * Strict about types: an order id of 42.7 or "42", or an event given as a number, is a malformed
   * event, not order 42 (Jackson would coerce each by default).
   */
  private static ObjectMapper mapper() {
    ObjectMapper mapper =
        new ObjectMapper()
            // The state machine passes exactly the fields it names; anything more is ignored.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  static <T> T read(InputStream in, Class<T> type) {
    try {
      T value = MAPPER.readValue(in, type);
      if (value == null) {
        throw new BadEventException("the event is empty");
      }
      return value;
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof BadEventException bad) {
        throw bad;
      }
      throw new BadEventException("malformed event: " + e.getOriginalMessage(), e);
    } catch (JacksonException e) {
      throw new BadEventException("malformed event: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A message body (an SQS message's), mapped as a stream would be; null is a bad event. */
  static <T> T read(String body, Class<T> type) {
    if (body == null) {
      throw new BadEventException("the message has no body");
    }
    return read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), type);
  }

  static void write(OutputStream out, Object value) {
    try {
      MAPPER.writeValue(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
