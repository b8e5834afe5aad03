package com.securecart.planner.simulation;

import java.util.List;

/**
 * A tier's simulation over a profile.
 *
 * @param inServicePerSecond instances receiving traffic at each second (for charts)
 * @param instanceSeconds running instances or tasks summed over seconds, launching ones included
 *     (EC2 and Fargate bill from launch); the basis of the compute cost
 * @param spotInstanceSeconds the part of {@code instanceSeconds} on Spot
 * @param interruptions Spot tasks that got a notice
 */
public record FleetResult(
    List<Minute> minutes,
    List<Launch> launches,
    int[] inServicePerSecond,
    long instanceSeconds,
    long spotInstanceSeconds,
    int interruptions) {

  public FleetResult {
    minutes = List.copyOf(minutes);
    launches = List.copyOf(launches);
    inServicePerSecond = inServicePerSecond.clone();
  }

  @Override
  public int[] inServicePerSecond() {
    return inServicePerSecond.clone();
  }

  public long sloMinutesViolated() {
    return minutes.stream().filter(Minute::sloViolated).count();
  }

  public double shedRequests() {
    return minutes.stream().mapToDouble(Minute::shedRequests).sum();
  }

  public int peakInService() {
    return minutes.stream().mapToInt(Minute::inService).max().orElse(0);
  }
}
