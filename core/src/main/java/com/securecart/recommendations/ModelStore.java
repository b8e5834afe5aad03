package com.securecart.recommendations;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Port to the stored model versions: the nightly job writes one per run, with its offline quality,
 * in one insert; serving instances load the one trained on the latest purchases.
 */
public interface ModelStore {
  /** A stored version: what it was trained from, how good it was, and the model itself. */
  record Stored(
      long version,
      Instant trainedAt,
      Instant trainedThrough,
      int purchases,
      int products,
      OfflineEvaluation.Result quality,
      byte[] payload) {}

  /**
   * Writes a new version and returns its number; {@code trainedThrough} is the end of the purchases
   * it learnt from.
   */
  long save(
      Instant trainedAt,
      Instant trainedThrough,
      int purchases,
      int products,
      OfflineEvaluation.Result quality,
      byte[] payload);

  /**
   * The version to serve: the one trained through the latest instant, the newest of those (so that
   * re-running the job for an earlier day does not take the shop back to older purchases).
   */
  OptionalLong latestVersion();

  Optional<Stored> load(long version);
}
