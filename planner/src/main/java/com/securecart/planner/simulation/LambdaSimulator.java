package com.securecart.planner.simulation;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A Lambda function second by second: the concurrency it needs is arrival rate times duration
 * (Little's law, which is how AWS documents concurrency), capped by its reserved concurrency,
 * beyond which requests are throttled. Environments used in the last {@code idleSeconds} are warm;
 * any concurrency above them is a cold start.
 */
public final class LambdaSimulator {
  private final LambdaSettings settings;

  public LambdaSimulator(LambdaSettings settings) {
    this.settings = settings;
  }

  /**
   * @param arrivalsPerSecond invocations requested at each second
   */
  public LambdaResult run(double[] arrivalsPerSecond) {
    int[] used = new int[arrivalsPerSecond.length];
    // Indices of the last idleSeconds, largest use first: the warm environments.
    Deque<Integer> window = new ArrayDeque<>();
    double invocations = 0;
    double throttled = 0;
    long coldStarts = 0;
    double busySeconds = 0;
    int peak = 0;
    for (int s = 0; s < arrivalsPerSecond.length; s++) {
      while (!window.isEmpty() && window.peekFirst() < s - settings.idleSeconds()) {
        window.pollFirst();
      }
      int warm = window.isEmpty() ? 0 : used[window.peekFirst()];
      double rate = arrivalsPerSecond[s];
      int needed = (int) Math.ceil(rate * settings.durationMs() / 1000 - 1e-9);
      int running = Math.min(needed, settings.reservedConcurrency());
      double refused = needed > running ? rate * (needed - running) / needed : 0;
      int cold = Math.max(0, running - warm);
      invocations += rate - refused;
      throttled += refused;
      coldStarts += cold;
      busySeconds +=
          (rate - refused) * settings.durationMs() / 1000 + cold * settings.initMs() / 1000;
      peak = Math.max(peak, running);
      used[s] = running;
      while (!window.isEmpty() && used[window.peekLast()] <= running) {
        window.pollLast();
      }
      window.addLast(s);
    }
    double gbSeconds = busySeconds * settings.memoryMiB() / 1024;
    return new LambdaResult(invocations, throttled, coldStarts, gbSeconds, peak);
  }
}
