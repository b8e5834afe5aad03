package com.securecart.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * An open-model load step: request i is due at {@code start + i / rate}, whether or not earlier
 * ones have been answered, and runs on a virtual thread of its own. Its latency counts from when it
 * was due, not from when it was sent, so a server (or a driver) that falls behind shows up in the
 * figures instead of slowing the arrivals (coordinated omission). The first {@code warmup} is
 * offered but not counted; the step's figures are those of the requests due inside the measured
 * window, each waited for (up to the call's own timeouts). At most {@code maxInFlight} requests are
 * outstanding: one due while that many are is counted as an error, never sent.
 */
final class OpenLoop {
  /**
   * One request (or one flow of requests) of the load; true if it succeeded. A call may throw
   * {@link Failed} to say how it failed; any other exception counts by its class.
   */
  @FunctionalInterface
  interface Call {
    boolean run(long index) throws Exception;
  }

  /** A failed call, labelled for the step's error kinds (e.g. {@code 503 overloaded}). */
  static final class Failed extends Exception {
    Failed(String label) {
      super(label, null, false, false);
    }
  }

  private final int maxInFlight;

  OpenLoop(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1");
    }
    this.maxInFlight = maxInFlight;
  }

  /**
   * Offers {@code rate} calls per second for {@code warmup} then {@code measured}.
   *
   * @param serverCpuNanos the server's CPU time so far (negative if unknown), read at the window's
   *     start and end for the utilization
   */
  StepResult step(
      double rate, Duration warmup, Duration measured, Call call, LongSupplier serverCpuNanos)
      throws InterruptedException {
    return measure(rate, warmup, measured, call, serverCpuNanos).step();
  }

  /**
   * A step, and the p99 of its admitted requests alone (those answered successfully), in ms: under
   * overload the step's own p99 mixes in the fast refusals.
   */
  record Measured(StepResult step, double admittedP99Ms) {}

  /** As {@link #step}, with the admitted requests' p99 too. */
  Measured measure(
      double rate, Duration warmup, Duration measured, Call call, LongSupplier serverCpuNanos)
      throws InterruptedException {
    if (!(rate > 0) || measured.isZero() || measured.isNegative() || warmup.isNegative()) {
      throw new IllegalArgumentException("needs rate > 0, measured > 0 and warmup >= 0");
    }
    double periodNanos = 1e9 / rate;
    long start = System.nanoTime() + 10_000_000; // a moment to get the first thread going
    long windowStart = start + warmup.toNanos();
    long windowEnd = windowStart + measured.toNanos();
    long total = (long) Math.ceil((windowEnd - start) / periodNanos);
    Latencies latencies = new Latencies();
    Latencies admitted = new Latencies();
    AtomicLong windowRequests = new AtomicLong();
    AtomicLong windowErrors = new AtomicLong();
    Errors kinds = new Errors();
    AtomicLong completedInWindow = new AtomicLong();
    Semaphore inFlight = new Semaphore(maxInFlight);
    CountDownLatch done = new CountDownLatch((int) Math.min(Integer.MAX_VALUE, total));
    long cpuBefore = -1;
    boolean cpuRead = false;
    for (long i = 0; i < total; i++) {
      long due = start + (long) (i * periodNanos);
      waitUntil(due);
      if (!cpuRead && due >= windowStart) {
        cpuBefore = serverCpuNanos.getAsLong();
        cpuRead = true;
      }
      boolean counted = due >= windowStart && due < windowEnd;
      if (counted) {
        windowRequests.incrementAndGet();
      }
      if (!inFlight.tryAcquire()) {
        if (counted) {
          windowErrors.incrementAndGet();
          kinds.add("not sent: " + maxInFlight + " in flight");
        }
        done.countDown();
        continue;
      }
      long index = i;
      Thread.startVirtualThread(
          () -> {
            boolean ok;
            String kind = "failed";
            try {
              ok = call.run(index);
            } catch (Failed e) {
              ok = false;
              kind = e.getMessage();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              ok = false;
              kind = "interrupted";
            } catch (Exception e) {
              ok = false; // a refused connection or a timeout is an error like a 5xx
              kind = e.getClass().getSimpleName();
            }
            long end = System.nanoTime();
            inFlight.release();
            if (ok && end >= windowStart && end < windowEnd) {
              completedInWindow.incrementAndGet();
            }
            if (counted) {
              if (!ok) {
                windowErrors.incrementAndGet();
                kinds.add(kind);
              }
              synchronized (latencies) {
                latencies.record(end - due);
                if (ok) {
                  admitted.record(end - due);
                }
              }
            }
            done.countDown();
          });
    }
    waitUntil(windowEnd);
    long cpuAfter = serverCpuNanos.getAsLong();
    if (!done.await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException("requests still outstanding 2 minutes after the step");
    }
    Latencies sorted;
    Latencies sortedAdmitted;
    synchronized (latencies) {
      sorted = Latencies.merge(List.of(latencies));
      sortedAdmitted = Latencies.merge(List.of(admitted));
    }
    double seconds = measured.toNanos() / 1e9;
    double utilization =
        cpuBefore < 0 || cpuAfter < 0
            ? Double.NaN
            : (cpuAfter - cpuBefore) / (double) measured.toNanos();
    return new Measured(
        new StepResult(
            rate,
            completedInWindow.get() / seconds,
            utilization,
            sorted.percentileMillis(50),
            sorted.percentileMillis(99),
            windowRequests.get(),
            windowErrors.get(),
            kinds.summary()),
        sortedAdmitted.percentileMillis(99));
  }

  private static void waitUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
