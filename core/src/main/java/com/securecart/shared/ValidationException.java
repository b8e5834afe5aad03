package com.securecart.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/** Input that fails a command's own checks; names the fields at fault. */
public final class ValidationException extends DomainException {

  public ValidationException(String field, String message) {
    this(Map.of(field, message));
  }

  ValidationException(Map<String, String> fieldErrors) {
    super(
        Kind.INVALID,
        ProblemType.VALIDATION,
        "Invalid request",
        "One or more fields are invalid",
        Map.of("errors", new LinkedHashMap<>(fieldErrors)));
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> fieldErrors() {
    return (Map<String, String>) extensions().get("errors");
  }
}
