package com.securecart.jobs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port to the ledger of runs and their finished stages. */
public interface JobLedger {
  /**
   * The ledger's own time: every instance reads heartbeats and leases by one clock, so that a
   * skewed machine clock cannot make a running attempt look crashed.
   */
  Instant now();

  /** The day's row, if any run of it started. */
  Optional<RunState> find(String job, LocalDate day);

  /** The day's row, locked for the caller's transaction. */
  Optional<RunState> lock(String job, LocalDate day);

  /** Adds the first row of a day; false when another run added it first. */
  boolean insert(RunState state);

  /** Writes the row's new state if {@code expectedAttempt} still holds it; false if not. */
  boolean update(RunState state, int expectedAttempt);

  /**
   * Records the heartbeat of a running attempt, at the ledger's {@link #now}; false when it no
   * longer holds the day.
   */
  boolean heartbeat(String job, LocalDate day, int attempt);

  /** The stages finished by the day's attempts since it last started over, with their summaries. */
  Map<String, String> finishedStages(String job, LocalDate day);

  /** Records a finished stage (replacing an earlier record of it). */
  void stageFinished(String job, LocalDate day, String stage, String summary);

  /** Forgets the day's finished stages, for a run that starts over. */
  void clearStages(String job, LocalDate day);

  /** The job's newest rows, newest day first. */
  List<RunState> recent(String job, int limit);
}
