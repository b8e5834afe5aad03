package com.securecart.app;

import java.time.Duration;

/**
 * The order pipeline's dispatch loops on an instance with the workers role.
 *
 * @param pollInterval how often an idle loop looks for events written by other instances (events
 *     written here wake it at once)
 * @param loops how many dispatch loops claim batches side by side
 * @param outboxLease how long a worker's claim on an event lasts unrenewed: a live worker renews
 *     its claims every quarter lease (ADR 2), so this is how soon a dead worker's events are taken
 *     over, never a limit on how long a step may take
 */
public record WorkerSettings(Duration pollInterval, int loops, Duration outboxLease) {
  public static final Duration DEFAULT_OUTBOX_LEASE = Duration.ofSeconds(5);

  public WorkerSettings {
    Ranges.require(
        pollInterval, Duration.ofMillis(10), Duration.ofMinutes(1), "SECURECART_WORKER_POLL_MS");
    Ranges.require(loops, 1, 64, "SECURECART_WORKER_LOOPS");
    Ranges.require(
        outboxLease,
        Duration.ofSeconds(1),
        Duration.ofMinutes(10),
        "SECURECART_OUTBOX_LEASE_SECONDS");
  }

  /** With the default outbox lease. */
  public WorkerSettings(Duration pollInterval, int loops) {
    this(pollInterval, loops, DEFAULT_OUTBOX_LEASE);
  }

  public static WorkerSettings defaults() {
    return new WorkerSettings(Duration.ofMillis(200), 2);
  }
}
