package com.securecart.server.tracing;

import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * Writes {@link JsonLogFormatter} lines to standard output, flushed per record so that a line is
 * never held back or split between writers (the JDK's ConsoleHandler writes to standard error).
 */
public final class JsonConsoleHandler extends StreamHandler {
  public JsonConsoleHandler() {
    super(System.out, new JsonLogFormatter());
  }

  @Override
  public synchronized void publish(LogRecord record) {
    super.publish(record);
    flush();
  }

  @Override
  public synchronized void close() {
    // System.out belongs to the process: flush, never close it.
    flush();
  }
}
