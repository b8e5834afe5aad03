package com.securecart.jobs;

import com.securecart.shared.Transactions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The jobs context's public face: starting (or resuming) a run of a job for a day. */
public final class JobRuns {
  private final JobLedger ledger;
  private final Transactions tx;
  private final Duration lease;

  /**
   * @param lease how long a running attempt may go unheard before it is taken to have crashed; it
   *     heartbeats four times per lease
   */
  public JobRuns(JobLedger ledger, Transactions tx, Duration lease) {
    this.ledger = ledger;
    this.tx = tx;
    this.lease = lease;
  }

  /**
   * Takes the day for a new attempt: a resume of a failed or crashed one (its finished stages stay
   * finished), or a fresh run. Throws a conflict while another attempt is running.
   */
  public JobRun start(String job, LocalDate day) {
    RunState[] taken = new RunState[1];
    Map<String, String> finished =
        tx.inTransaction(
            () -> {
              Optional<RunState> current = ledger.lock(job, day);
              if (current.isEmpty()) {
                RunState first = RunState.first(job, day, ledger.now());
                if (!ledger.insert(first)) {
                  // Another run inserted the day between our read and our insert: it is running.
                  throw RunState.alreadyRunning(job, day, "");
                }
                taken[0] = first;
                return Map.of();
              }
              RunState last = current.get();
              RunState next = last.next(ledger.now(), lease);
              if (!ledger.update(next, last.attempt())) {
                throw RunState.alreadyRunning(job, day, "");
              }
              taken[0] = next;
              if (last.resumable()) {
                return ledger.finishedStages(job, day);
              }
              ledger.clearStages(job, day);
              return Map.of();
            });
    return new JobRun(ledger, taken[0], finished, lease.dividedBy(4));
  }

  /** Where the day's run stands, if one started. */
  public Optional<RunState> of(String job, LocalDate day) {
    return ledger.find(job, day);
  }

  /** The job's newest runs, newest day first. */
  public List<RunState> recent(String job, int limit) {
    return ledger.recent(job, limit);
  }
}
