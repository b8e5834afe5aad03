package com.securecart.persistence;

import java.nio.file.Path;

/**
 * The one place an embedded H2 URL is built, so that every H2 database (the server's file, the
 * tests' memory ones) behaves like PostgreSQL in the same ways: PostgreSQL mode, lower-case names,
 * NULLs sorted last in ascending order as PostgreSQL does (DEFAULT_NULL_ORDERING=HIGH), a lock wait
 * instead of an immediate failure, and commits written at once.
 */
public final class H2Urls {
  static final String SETTINGS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000"
          + ";WRITE_DELAY=0";

  private H2Urls() {}

  /**
   * A database in files next to {@code base} ({@code base.mv.db}). H2's own exit hook would close
   * it at SIGTERM under requests still draining; its owner closes it last itself (ADR 0011).
   */
  public static String file(Path base) {
    return "jdbc:h2:file:" + base.toAbsolutePath() + SETTINGS + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  /** A database in memory, named {@code name} in this JVM, kept until the JVM exits. */
  public static String memory(String name) {
    return "jdbc:h2:mem:" + name + SETTINGS + ";DB_CLOSE_DELAY=-1";
  }
}
