package com.securecart.app;

import java.time.Duration;

/**
 * The order pipeline's dispatch loops on an instance with the workers role.
 *
 * @param pollInterval how often an idle loop looks for events written by other instances (events
 *     written here wake it at once)
 * @param loops how many dispatch loops claim batches side by side
 */
public record WorkerSettings(Duration pollInterval, int loops) {
  public WorkerSettings {
    Ranges.require(
        pollInterval, Duration.ofMillis(10), Duration.ofMinutes(1), "SECURECART_WORKER_POLL_MS");
    Ranges.require(loops, 1, 64, "SECURECART_WORKER_LOOPS");
  }

  public static WorkerSettings defaults() {
    return new WorkerSettings(Duration.ofMillis(200), 2);
  }
}
