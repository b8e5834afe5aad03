package com.securecart.shared;

import java.util.Map;

/**
 * The typed business errors. Each carries a stable problem type slug and a kind that the HTTP layer
 * maps, in one place, to a status code. The detail is written for the client; it never contains
 * internals.
 */
public class DomainException extends RuntimeException {

  /** What went wrong, independent of transport. */
  public enum Kind {
    INVALID,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    UNPROCESSABLE,
    TOO_MANY_REQUESTS
  }

  private final Kind kind;
  private final String type;
  private final String title;
  private final transient Map<String, Object> extensions;

  public DomainException(Kind kind, String type, String title, String detail) {
    this(kind, type, title, detail, Map.of());
  }

  public DomainException(
      Kind kind, String type, String title, String detail, Map<String, Object> extensions) {
    super(detail, null, false, false);
    this.kind = kind;
    this.type = type;
    this.title = title;
    this.extensions = Map.copyOf(extensions);
  }

  public Kind kind() {
    return kind;
  }

  /** A stable slug such as {@code out-of-stock}; clients may switch on it. */
  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  /** Extra members of the problem document, such as the lines short of stock. */
  public Map<String, Object> extensions() {
    return extensions;
  }

  public static DomainException notFound(String what) {
    return new DomainException(Kind.NOT_FOUND, "not-found", "Not found", what + " was not found");
  }

  public static DomainException conflict(String type, String title, String detail) {
    return new DomainException(Kind.CONFLICT, type, title, detail);
  }

  public static DomainException unprocessable(String type, String title, String detail) {
    return new DomainException(Kind.UNPROCESSABLE, type, title, detail);
  }
}
