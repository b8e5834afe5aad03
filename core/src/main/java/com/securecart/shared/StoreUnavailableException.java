package com.securecart.shared;

/**
 * The database cannot be reached for the moment: it is restarting, a connection was lost, or every
 * pooled connection stayed busy. Nothing is wrong with the request, and the same request is likely
 * to work shortly; the persistence layer raises this instead of its driver's errors so that callers
 * can answer "unavailable, retry" rather than "internal error".
 */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(Throwable cause) {
    super("the database is unavailable", cause);
  }
}
