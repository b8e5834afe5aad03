package com.securecart.server.workers;

import com.securecart.app.Doorbell;
import com.securecart.app.Pipeline;
import com.securecart.app.WorkerSettings;
import com.securecart.outbox.Outbox;
import com.securecart.outbox.OutboxEvent;
import com.securecart.pipeline.PipelineRunner;
import com.securecart.shared.ClaimHeartbeat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dispatch loops: each claims a batch of due events under a lease and runs them through the
 * pipeline. Loops poll, and are also woken (the pipeline's doorbell) as soon as a local transaction
 * appends an event, so dispatch latency is milliseconds on the instance that took the order and at
 * most one poll interval on the others.
 */
public final class OutboxWorker implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(OutboxWorker.class.getName());
  private static final int BATCH = 32;

  private final Outbox outbox;
  private final PipelineRunner runner;
  private final Clock clock;
  private final Duration pollInterval;
  private final int loops;
  private final Activity activity;
  private final Doorbell doorbell;
  private final Duration lease;
  private final List<Thread> threads = new ArrayList<>();

  /** The events this worker's loops hold claims on, all renewed by one statement per beat. */
  private final Set<OutboxEvent> claimed = ConcurrentHashMap.newKeySet();

  private ClaimHeartbeat heartbeat;
  private volatile boolean running;
  private volatile boolean closing;

  /** Told around each batch a loop handles, for the operations page's worker chart. */
  public interface Activity {
    Activity NONE =
        new Activity() {
          @Override
          public void busy(boolean busy) {}

          @Override
          public void handled(int events) {}
        };

    void busy(boolean busy);

    void handled(int events);
  }

  /**
   * Runs as many loops as the pipeline's doorbell was made for ({@code WorkerSettings.loops}), so
   * that a ring and the wake-up at close reach every one.
   */
  public OutboxWorker(Pipeline pipeline, Clock clock, Duration pollInterval, Activity activity) {
    this(pipeline, clock, pollInterval, WorkerSettings.DEFAULT_OUTBOX_LEASE, activity);
  }

  /**
   * @param lease how long a claim lasts unrenewed ({@code SECURECART_OUTBOX_LEASE_SECONDS}): a
   *     killed worker's events are claimable again this long after its last renewal. A live worker
   *     renews every quarter lease (ADR 2), so no step, however slow, loses its claim while its
   *     worker lives. At least 4 ms (tests use less than the setting's 1 s).
   */
  public OutboxWorker(
      Pipeline pipeline, Clock clock, Duration pollInterval, Duration lease, Activity activity) {
    if (lease.toMillis() < 4) {
      throw new IllegalArgumentException("outbox lease must be at least 4 ms, got " + lease);
    }
    this.lease = lease;
    this.activity = activity;
    this.outbox = pipeline.outbox();
    this.runner = pipeline.runner();
    this.doorbell = pipeline.doorbell();
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.loops = doorbell.listeners();
  }

  public synchronized void start() {
    running = true;
    heartbeat = ClaimHeartbeat.start("outbox", lease.dividedBy(4), this::renewClaims);
    for (int i = 0; i < loops; i++) {
      threads.add(Thread.ofVirtual().name("outbox-worker-" + i).start(this::loop));
    }
  }

  private void loop() {
    while (running) {
      try {
        int handled = runOnce();
        if (handled < BATCH) {
          doorbell.await(pollInterval);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The database may be briefly unreachable; back off and try again.
        LOG.log(
            System.Logger.Level.WARNING, "outbox dispatch failed: " + e.getClass().getSimpleName());
        sleepQuietly(pollInterval.multipliedBy(5));
      }
    }
  }

  /**
   * Claims and handles one batch; returns how many events it handled. Once {@link #close} has begun
   * it claims nothing: a step already started finishes, none starts.
   */
  public int runOnce() {
    if (closing) {
      return 0;
    }
    Instant now = clock.instant();
    List<OutboxEvent> events = outbox.claim(BATCH, now, now.plus(lease));
    if (events.isEmpty()) {
      return 0;
    }
    claimed.addAll(events);
    activity.busy(true);
    // The events of a batch belong to different orders (an order's next event exists only once its
    // step committed), so the runner handles them together: their reads share a transaction, their
    // outside calls run side by side, and their effects commit together.
    try {
      runner.processAll(events);
    } finally {
      claimed.removeAll(events);
      activity.busy(false);
      activity.handled(events.size());
    }
    return events.size();
  }

  /**
   * One beat: extends the leases of all events in hand, in one statement (a worker's loops share
   * it). Always true: the heartbeat beats as long as the worker runs; a claim it no longer holds is
   * simply not extended, and the step that held it rolls back (PipelineRunner).
   */
  private boolean renewClaims() {
    if (!claimed.isEmpty()) {
      outbox.renew(List.copyOf(claimed), clock.instant().plus(lease));
    }
    return true;
  }

  private void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    // Let each loop finish the batch in hand (an interrupt mid-statement breaks its connection),
    // then insist.
    closing = true;
    running = false;
    doorbell.wakeAll();
    for (Thread t : threads) {
      try {
        if (!t.join(Duration.ofSeconds(10))) {
          t.interrupt();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
    // After the loops: the steps they finished kept their claims to the end.
    if (heartbeat != null) {
      heartbeat.close();
      heartbeat = null;
    }
  }
}
