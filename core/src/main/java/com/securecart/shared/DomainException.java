package com.securecart.shared;

import java.util.Map;

/**
 * The typed business errors. Each carries a stable {@link ProblemType} and a kind that the HTTP
 * layer maps, in one place, to a status code. The detail is written for the client; it never
 * contains internals.
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
  private final ProblemType type;
  private final String title;
  private final transient Map<String, Object> extensions;

  public DomainException(Kind kind, ProblemType type, String title, String detail) {
    this(kind, type, title, detail, Map.of());
  }

  public DomainException(
      Kind kind, ProblemType type, String title, String detail, Map<String, Object> extensions) {
    super(detail, null, false, false);
    this.kind = kind;
    this.type = java.util.Objects.requireNonNull(type, "type");
    this.title = title;
    this.extensions = Map.copyOf(extensions);
  }

  public Kind kind() {
    return kind;
  }

  /** The stable slug of {@link #problemType()}, such as {@code out-of-stock}. */
  public String type() {
    return type.slug();
  }

  /** What kind of problem this is; clients switch on its slug. */
  public ProblemType problemType() {
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
    return new DomainException(
        Kind.NOT_FOUND, ProblemType.NOT_FOUND, "Not found", what + " was not found");
  }

  public static DomainException conflict(ProblemType type, String title, String detail) {
    return new DomainException(Kind.CONFLICT, type, title, detail);
  }

  public static DomainException unprocessable(ProblemType type, String title, String detail) {
    return new DomainException(Kind.UNPROCESSABLE, type, title, detail);
  }
}
