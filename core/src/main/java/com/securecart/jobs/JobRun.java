package com.securecart.jobs;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One attempt at a job's day, holding the day by a heartbeat until it is closed. Stages it (or an
 * attempt it resumes) finished are reported as such, so that the caller skips them. Closed without
 * {@link #succeeded()}, the attempt is recorded as failed and the next one resumes it.
 */
public final class JobRun implements AutoCloseable {
  private final JobLedger ledger;
  private final RunState state;
  private final Map<String, String> finished;
  private final ScheduledExecutorService heartbeats;
  private final AtomicBoolean held = new AtomicBoolean(true);
  private boolean succeeded;
  private boolean closed;

  JobRun(JobLedger ledger, RunState state, Map<String, String> finished, Duration heartbeatEvery) {
    this.ledger = ledger;
    this.state = state;
    this.finished = new LinkedHashMap<>(finished);
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            // A platform thread: the job's own work may keep every carrier of the virtual threads
            // busy for minutes, and a heartbeat that waits for one lets the lease run out.
            Thread.ofPlatform().daemon().name("job-heartbeat-" + state.job()).factory());
    long every = Math.max(1, heartbeatEvery.toMillis());
    heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  private void beat() {
    try {
      if (!ledger.heartbeat(state.job(), state.day(), state.attempt())) {
        held.set(false);
      }
    } catch (RuntimeException e) {
      // The database is away for a moment; the next beat tries again, and the lease allows it.
    }
  }

  LocalDate day() {
    return state.day();
  }

  public int attempt() {
    return state.attempt();
  }

  /** The summary an earlier attempt (or this one) recorded for a finished stage. */
  public Optional<String> finished(String stage) {
    return Optional.ofNullable(finished.get(stage));
  }

  /**
   * Records a stage as finished. Throws if another attempt has taken the day over meanwhile (this
   * one was not heard from within the lease), so that two attempts do not both carry on.
   */
  public void stageFinished(String stage, String summary) {
    checkHeld();
    ledger.stageFinished(state.job(), state.day(), stage, summary);
    finished.put(stage, summary);
  }

  /** Marks the attempt successful; {@link #close()} then records the run as done. */
  public void succeeded() {
    succeeded = true;
  }

  /**
   * Throws if another attempt has taken the day over (this one was not heard from within the
   * lease): call before a write that must not happen twice, such as publishing.
   */
  public void checkHeld() {
    if (!held.get() || !ledger.heartbeat(state.job(), state.day(), state.attempt())) {
      held.set(false);
      throw new IllegalStateException(
          "attempt "
              + state.attempt()
              + " of "
              + state.job()
              + " "
              + state.day()
              + " was taken over");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    heartbeats.shutdownNow();
    if (held.get()) {
      ledger.update(state.finished(succeeded, ledger.now()), state.attempt());
    }
  }
}
