package com.securecart.planner.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a folder of the shared data sets ({@code shared/data/NAME}), which lives beside the
 * checkouts, not in them: {@code -Dsecurecart.shared.data=DIR} or the first {@code shared/data}
 * found walking up from the working directory. Tests that rebuild committed resources from the data
 * skip when it is absent.
 */
public final class SharedData {
  private SharedData() {}

  public static Optional<Path> find(String name) {
    var configured = System.getProperty("securecart.shared.data");
    if (configured != null) {
      return Optional.of(Path.of(configured, name)).filter(Files::isDirectory);
    }
    for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      var candidate = dir.resolve("shared/data").resolve(name);
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
