package com.securecart.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The public data sets the tests read (shared/data: naughty strings and OWASP CRS payloads as
 * hostile input, the UCI Online Retail file), found in SECURECART_CORPORA, else beside the
 * repository, else at /work/shared/data. Missing, the tests that need them skip with a message on a
 * laptop and fail in CI, like the PostgreSQL variants.
 */
public final class Corpora {
  private Corpora() {}

  public static Path file(String name) {
    List<Path> candidates = new ArrayList<>();
    String configured = System.getenv("SECURECART_CORPORA");
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("securecart"))) {
      dir = dir.getParent();
    }
    if (dir != null) {
      candidates.add(dir.resolveSibling("shared").resolve("data"));
    }
    candidates.add(Path.of("/work/shared/data"));
    for (Path candidate : candidates) {
      if (Files.exists(candidate.resolve(name))) {
        return candidate.resolve(name);
      }
    }
    return missing("corpus " + name + " not found in " + candidates + " (set SECURECART_CORPORA)");
  }

  /**
   * Data a test needs is absent: fails in CI ({@code CI=true} or -Dsecurecart.requirePostgres=true,
   * as the launcher sets there), else skips the test. Never returns normally.
   */
  public static <T> T missing(String message) {
    if (Boolean.getBoolean("securecart.requirePostgres")
        || "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(message + "; in CI, so this fails instead of skipping");
    }
    Assumptions.abort(message + ": skipping");
    return null;
  }
}
