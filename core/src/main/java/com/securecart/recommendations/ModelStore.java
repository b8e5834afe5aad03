package com.securecart.recommendations;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Port to the stored model versions: the nightly job writes one per run, with its offline quality,
 * in one insert; serving instances load the newest.
 */
public interface ModelStore {
  /** A stored version: what it was trained from, how good it was, and the model itself. */
  record Stored(
      long version,
      Instant trainedAt,
      int purchases,
      int products,
      OfflineEvaluation.Result quality,
      byte[] payload) {}

  /** Writes a new version and returns its number. */
  long save(
      Instant trainedAt,
      int purchases,
      int products,
      OfflineEvaluation.Result quality,
      byte[] payload);

  OptionalLong latestVersion();

  Optional<Stored> load(long version);
}
