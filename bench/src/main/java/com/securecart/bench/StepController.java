package com.securecart.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * When the sweep stops and what it offers next. A step is within the SLO when its p99 is at most
 * the role's objective, at most 1% of its requests failed and the server got through at least 95%
 * of what was offered; the first step that is not ends the sweep (so does the step limit). Rates
 * rise geometrically, so that the steps are dense at low load and the sweep still reaches
 * saturation in a few minutes.
 *
 * @param sloP99Ms the role's p99 objective (docs/operations.md)
 * @param growth the factor from one step's offered rate to the next (> 1)
 * @param maxSteps the most steps a sweep takes, whatever the server does
 */
record StepController(double sloP99Ms, double growth, int maxSteps) {
  static final double MAX_ERROR_RATE = 0.01;
  static final double MIN_ACHIEVED_SHARE = 0.95;

  StepController {
    if (!(sloP99Ms > 0) || !(growth > 1) || maxSteps < 1) {
      throw new IllegalArgumentException("needs sloP99Ms > 0, growth > 1, maxSteps >= 1");
    }
  }

  /** Why {@code step} is outside the SLO, or empty if it is within. */
  Optional<String> breach(StepResult step) {
    if (step.errorRate() > MAX_ERROR_RATE) {
      return Optional.of(String.format(Locale.ROOT, "errors %.1f%% > 1%%", step.errorRate() * 100));
    }
    if (step.achievedPerSecond() < MIN_ACHIEVED_SHARE * step.offeredPerSecond()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "achieved %.1f/s < 95%% of offered %.1f/s",
              step.achievedPerSecond(),
              step.offeredPerSecond()));
    }
    if (!(step.p99Ms() <= sloP99Ms)) {
      return Optional.of(
          String.format(Locale.ROOT, "p99 %.1f ms > SLO %.0f ms", step.p99Ms(), sloP99Ms));
    }
    return Optional.empty();
  }

  boolean withinSlo(StepResult step) {
    return breach(step).isEmpty();
  }

  /** What the sweep does after a step: the next rate, the same rate once more, or stop. */
  enum Action {
    NEXT,
    REPEAT,
    STOP
  }

  /** An {@link Action} and why (empty for NEXT). */
  record Verdict(Action action, String reason) {}

  /**
   * What follows {@code step}, the {@code stepsTaken}-th. A step outside the SLO is repeated once
   * at the same rate, and the sweep stops only if the repeat is outside too: with a few hundred
   * requests a step, one slow moment of a shared machine would otherwise end the sweep early.
   *
   * @param repeat whether {@code step} was itself a repeat
   */
  Verdict after(StepResult step, int stepsTaken, boolean repeat) {
    Optional<String> breach = breach(step);
    if (stepsTaken >= maxSteps) {
      return new Verdict(
          Action.STOP, breach.orElse("within the SLO") + "; step limit " + maxSteps + " reached");
    }
    if (breach.isEmpty()) {
      return new Verdict(Action.NEXT, "");
    }
    return repeat
        ? new Verdict(Action.STOP, breach.get() + ", again on the repeat")
        : new Verdict(Action.REPEAT, breach.get());
  }

  double next(double offeredPerSecond) {
    return offeredPerSecond * growth;
  }
}
