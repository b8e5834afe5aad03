package com.securecart.jobs;

import com.securecart.shared.Check;
import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The ledger's row for one job and day: which attempt holds it, whether that attempt is running,
 * failed or finished, and when it was last heard from. Its transitions are the only way to change
 * it.
 */
public record RunState(
    String job,
    LocalDate day,
    int attempt,
    Status status,
    Instant startedAt,
    Instant heartbeatAt,
    Instant finishedAt) {

  /** Where a run is. */
  public enum Status {
    RUNNING,
    FAILED,
    DONE
  }

  public RunState {
    Check.text("job", job, 1, 40);
    Check.required("day", day);
    Check.range("attempt", attempt, 1, Integer.MAX_VALUE);
    Check.required("status", status);
    Check.required("startedAt", startedAt);
    Check.required("heartbeatAt", heartbeatAt);
    if ((status == Status.RUNNING) != (finishedAt == null)) {
      throw new IllegalArgumentException("a run has a finish time exactly when it is not running");
    }
  }

  /** The first attempt at a day nobody has run. */
  static RunState first(String job, LocalDate day, Instant now) {
    return new RunState(job, day, 1, Status.RUNNING, now, now, null);
  }

  /**
   * The next attempt, taking the day over: refused while another attempt is running and was heard
   * from within the lease; a resume when the last attempt failed or stopped being heard from (a
   * crash); a fresh run when the last one finished.
   */
  RunState next(Instant now, Duration lease) {
    if (status == Status.RUNNING && heartbeatAt.plus(lease).isAfter(now)) {
      throw alreadyRunning(
          job,
          day,
          " (last heard from " + Duration.between(heartbeatAt, now).toSeconds() + " s ago)");
    }
    return new RunState(job, day, attempt + 1, Status.RUNNING, now, now, null);
  }

  /** The answer to a run of a day that another run holds. */
  static DomainException alreadyRunning(String job, LocalDate day, String since) {
    return DomainException.conflict(
        ProblemType.JOB_RUNNING,
        "Already running",
        "the "
            + job
            + " job for "
            + day
            + " is running"
            + since
            + "; try again when it has finished");
  }

  /** Whether the next attempt carries on from this one rather than starting over. */
  boolean resumable() {
    return status != Status.DONE;
  }

  /** This attempt's end. */
  RunState finished(boolean succeeded, Instant now) {
    if (status != Status.RUNNING) {
      throw new IllegalStateException("attempt " + attempt + " has already ended");
    }
    return new RunState(
        job, day, attempt, succeeded ? Status.DONE : Status.FAILED, startedAt, heartbeatAt, now);
  }
}
