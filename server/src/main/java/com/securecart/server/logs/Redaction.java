package com.securecart.server.logs;

/**
 * Exceptions for the log without their messages, which may hold customer data or secrets: each
 * keeps its type and stack, and a database error its SQLState (40P01 deadlock, 23505 duplicate
 * key...), which names what went wrong without any of the data.
 */
public final class Redaction {
  private Redaction() {}

  /** {@code e} and its causes, each replaced by a stand-in that carries no message. */
  public static Throwable redacted(Throwable e) {
    if (e == null) {
      return null;
    }
    String type =
        e instanceof java.sql.SQLException sql && sql.getSQLState() != null
            ? e.getClass().getName() + " SQLState " + sql.getSQLState()
            : e.getClass().getName();
    Throwable copy = new Redacted(type, redacted(e.getCause()));
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  /** Stands in for an exception whose message was dropped. */
  public static final class Redacted extends RuntimeException {
    Redacted(String type, Throwable cause) {
      super(type + " (message redacted)", cause);
    }
  }
}
