package com.securecart.app;

import java.time.Duration;

/**
 * The nightly job's reads and the model versions it publishes.
 *
 * @param readDbUrl where the job reads orders (a replica's URL); null: the primary, read-only
 * @param readPoolSize connections of that read-only pool
 * @param modelRefresh how often serving instances load the newest stored model version
 */
public record BatchSettings(String readDbUrl, int readPoolSize, Duration modelRefresh) {
  public BatchSettings {
    if (readDbUrl != null && readDbUrl.isBlank()) {
      readDbUrl = null;
    }
    if (readDbUrl != null) {
      Ranges.jdbcUrl(readDbUrl, "SECURECART_BATCH_READ_DB_URL / --batch-read-db");
    }
    Ranges.require(readPoolSize, 1, 50, "SECURECART_BATCH_READ_POOL_SIZE");
    Ranges.require(
        modelRefresh,
        Duration.ofMinutes(1),
        Duration.ofDays(1),
        "SECURECART_MODEL_REFRESH_MINUTES");
  }

  public static BatchSettings defaults() {
    return new BatchSettings(null, 2, Duration.ofHours(1));
  }

  @Override
  public String toString() {
    return "BatchSettings["
        + (readDbUrl == null ? "reads the primary" : "reads a replica")
        + ", modelRefresh="
        + modelRefresh
        + "]";
  }
}
