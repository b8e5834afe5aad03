package com.securecart.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Indexed work spread over a few virtual threads, for the checkout benchmark's set-up and audit;
 * and the closed-loop clients of its measured runs.
 */
final class Parallel {
  interface IndexTask {
    void run(int index) throws IOException, InterruptedException;
  }

  private Parallel() {}

  /** Set-up work that must succeed: the first failure aborts the benchmark. */
  static void forEachOrFail(int count, int concurrency, int requestTimeoutSeconds, IndexTask task)
      throws Exception {
    Errors failures = new Errors();
    forEach(count, concurrency, requestTimeoutSeconds, task, failures);
    if (failures.total() > 0) {
      throw new IOException("setup failed: " + failures.summary());
    }
  }

  /**
   * Runs task(0..count-1) on {@code concurrency} virtual threads; exceptions are counted in {@code
   * errors}. It gives up after a bound derived from the request timeout.
   */
  static void forEach(
      int count, int concurrency, int requestTimeoutSeconds, IndexTask task, Errors errors)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < Math.min(concurrency, Math.max(1, count)); w++) {
        pool.submit(() -> work(next, count, task, errors));
      }
      pool.shutdown();
      long bound = 300 + (long) count * requestTimeoutSeconds / Math.max(1, concurrency);
      if (!pool.awaitTermination(Math.min(bound, 900), TimeUnit.SECONDS)) {
        errors.add("still running after " + Math.min(bound, 900) + " s (stopped)");
        pool.shutdownNow();
      }
    }
  }

  private static void work(AtomicInteger next, int count, IndexTask task, Errors errors) {
    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
      try {
        task.run(i);
      } catch (IOException | RuntimeException e) {
        errors.add(Errors.describe(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Runs {@code clients} closed-loop clients on virtual threads, each {@code client.accept} of its
   * own {@code perClient.get()} state, for a run of {@code runSeconds} (warm-up and window); waits
   * for them at most that plus two request timeouts and 30 s. Returns the states in client order,
   * for merging once all are done.
   */
  static <T> List<T> clients(
      int clients,
      Supplier<T> perClient,
      Consumer<T> client,
      int runSeconds,
      int requestTimeoutSeconds,
      Errors errors)
      throws InterruptedException {
    long boundSeconds = runSeconds + 2L * requestTimeoutSeconds + 30;
    List<T> states = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < clients; c++) {
        T state = perClient.get();
        states.add(state);
        pool.submit(() -> client.accept(state));
      }
      pool.shutdown();
      if (!pool.awaitTermination(boundSeconds, TimeUnit.SECONDS)) {
        errors.add("clients still running after " + boundSeconds + " s (stopped)");
        pool.shutdownNow();
      }
    }
    return states;
  }

  /** After an error, a short pause so that a dead server does not turn a loop into a spin. */
  static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
