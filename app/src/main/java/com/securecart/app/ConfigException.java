package com.securecart.app;

/** A configuration mistake, with a message that says what to set. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
