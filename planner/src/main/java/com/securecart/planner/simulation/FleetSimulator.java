package com.securecart.planner.simulation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Second by second, an EC2 Auto Scaling group or an ECS service under its scaling policies: what
 * the policies decide from 1-minute datapoints, when the instances they ask for receive traffic,
 * and what is shed meanwhile. Decisions fall on minute boundaries, since the alarms see one
 * datapoint a minute; CloudWatch's own delivery delay of a minute or two comes on top on AWS and is
 * left out here, so the simulated lag is a lower bound.
 */
public final class FleetSimulator {
  /** Spot's interruption notice: two minutes for EC2 Spot and for Fargate Spot tasks. */
  public static final int SPOT_NOTICE_SECONDS = 120;

  private static final int LONG_AGO = -1_000_000;

  private final FleetSettings settings;

  public FleetSimulator(FleetSettings settings) {
    this.settings = settings;
  }

  /**
   * @param offeredRps requests per second offered to the tier, one value per second
   */
  public FleetResult run(double[] offeredRps) {
    return new Run(offeredRps).play();
  }

  private static final class Unit {
    final int readyAt;
    final boolean spot;
    int stopAt = Integer.MAX_VALUE;

    Unit(int readyAt, boolean spot) {
      this.readyAt = readyAt;
      this.spot = spot;
    }

    boolean interrupted() {
      return stopAt != Integer.MAX_VALUE;
    }
  }

  /** One run's mutable state. */
  private final class Run {
    private final double[] offered;
    private final PredictiveForecast forecast;
    private final TargetTrackingAlarms alarms;
    private final List<Unit> units = new ArrayList<>();
    private final List<Integer> poolRefills = new ArrayList<>();
    private final List<Launch> launches = new ArrayList<>();
    private final List<Minute> minutes = new ArrayList<>();
    private final int[] inServicePerSecond;
    private final SplittableRandom reclaims;
    private int poolReady = settings.warmPoolSize();
    private int desired = settings.min();
    private int minFloor = settings.min();
    private int predictiveFloor;
    private long instanceSeconds;
    private long spotSeconds;
    private int interruptions;
    private double minuteOffered;
    private double minuteServed;
    private double minuteShed;
    private double minuteUtilization;
    private double minuteInService;
    private double lastOffered;
    private double lastUtilization;
    private double lastInService;

    Run(double[] offered) {
      this.offered = offered;
      this.inServicePerSecond = new int[offered.length];
      FleetSettings.Predictive p = settings.predictive();
      this.forecast = p == null ? null : new PredictiveForecast(p.history(), offered);
      this.alarms = new TargetTrackingAlarms(settings.targets());
      FleetSettings.Spot spot = settings.spot();
      this.reclaims =
          spot == null || spot.reclaimedPerHour() == 0 ? null : new SplittableRandom(spot.seed());
      for (int i = 0; i < settings.min(); i++) {
        units.add(new Unit(LONG_AGO, nextIsSpot()));
      }
    }

    FleetResult play() {
      for (int s = 0; s < offered.length; s++) {
        if (s > 0 && s % 60 == 0) {
          decide(s);
        }
        scheduledActions(s);
        predictive(s);
        interruptions(s);
        final int now = s;
        units.removeIf(u -> u.stopAt <= now);
        int refillsBefore = poolRefills.size();
        poolRefills.removeIf(t -> t <= now);
        poolReady += refillsBefore - poolRefills.size();
        reconcile(s);
        serve(s);
        if (s % 60 == 59 || s == offered.length - 1) {
          closeMinute(s);
        }
      }
      return new FleetResult(
          minutes, launches, inServicePerSecond, instanceSeconds, spotSeconds, interruptions);
    }

    private void scheduledActions(int s) {
      for (FleetSettings.ScheduledAction action : settings.scheduled()) {
        if (action.atSecond() == s) {
          minFloor = action.min();
          int wanted = action.desired() != null ? action.desired() : desired;
          desired = Math.min(settings.max(), Math.max(minFloor, wanted));
        }
      }
    }

    /** Capacity for an hour is put in place {@code bufferSeconds} before it starts. */
    private void predictive(int s) {
      if (forecast == null) {
        return;
      }
      FleetSettings.Predictive p = settings.predictive();
      int absolute = forecast.offsetSeconds() + s + p.bufferSeconds();
      if (absolute % PredictiveForecast.HOUR != 0) {
        return;
      }
      double rps = forecast.forecastRps(absolute / PredictiveForecast.HOUR);
      double perInstance = p.target().perInstanceRps(settings.capacityRps());
      predictiveFloor =
          Double.isNaN(rps) ? 0 : Math.min(settings.max(), (int) Math.ceil(rps / perInstance));
      desired = Math.max(desired, predictiveFloor);
    }

    /** The tasks leave RUNNING at the notice, so the service starts their replacements then. */
    private void interruptions(int s) {
      if (settings.spot() == null) {
        return;
      }
      for (FleetSettings.SpotInterruption interruption : settings.spot().interruptions()) {
        if (interruption.atSecond() != s) {
          continue;
        }
        units.stream()
            .filter(u -> u.spot && !u.interrupted() && u.readyAt <= s)
            .limit(interruption.tasks())
            .forEach(u -> notice(u, s));
      }
      if (reclaims != null && s % 60 == 0) {
        double chance = settings.spot().perMinute();
        for (Unit u : units) {
          // One draw per Spot unit in service per minute, in the units' order: repeatable.
          if (u.spot && !u.interrupted() && u.readyAt <= s && reclaims.nextDouble() < chance) {
            notice(u, s);
          }
        }
      }
    }

    private void notice(Unit u, int s) {
      u.stopAt = s + SPOT_NOTICE_SECONDS;
      interruptions++;
    }

    /** At a minute boundary, on the minute just closed. */
    private void decide(int s) {
      switch (alarms.evaluate(lastOffered, lastUtilization, lastInService)) {
        case TargetTrackingAlarms.ScaleOut out ->
            desired = Math.max(desired, Math.min(settings.max(), out.capacity()));
        case TargetTrackingAlarms.ScaleIn in -> {
          if (!warmingOrLaunching(s)) {
            int floor = Math.max(in.capacity(), Math.max(minFloor, predictiveFloor));
            desired = Math.min(desired, floor);
          }
        }
        case TargetTrackingAlarms.Hold hold -> {}
      }
    }

    private boolean warmingOrLaunching(int s) {
      int warmup = settings.launch().warmupSeconds();
      return units.stream().anyMatch(u -> u.readyAt > s || s - u.readyAt < warmup);
    }

    private void reconcile(int s) {
      int activeCount = 0;
      for (Unit u : units) {
        activeCount += u.interrupted() ? 0 : 1;
      }
      if (activeCount == desired) {
        return; // the common case, checked without building lists: this runs every second
      }
      List<Unit> active = units.stream().filter(u -> !u.interrupted()).toList();
      for (int n = active.size(); n < desired; n++) {
        boolean fromPool = poolReady > 0;
        int readyAt;
        if (fromPool) {
          poolReady--;
          // The pool refills itself: a new instance boots and runs the bootstrap, then stops.
          poolRefills.add(s + settings.launch().bootSeconds());
          readyAt = s + settings.launch().fromWarmPool();
        } else {
          readyAt = s + settings.launch().cold();
        }
        Unit unit = new Unit(readyAt, nextIsSpot());
        units.add(unit);
        launches.add(new Launch(s, readyAt, fromPool, unit.spot));
      }
      // Scale-in removes launching instances first, then the newest in service.
      List<Unit> victims =
          active.stream()
              .sorted(Comparator.comparingInt((Unit u) -> u.readyAt).reversed())
              .limit(Math.max(0, active.size() - desired))
              .toList();
      units.removeAll(victims);
      if (settings.warmPoolSize() > 0) {
        poolReady += victims.size(); // reuseOnScaleIn: back to Stopped in the pool
      }
    }

    /** Admission control: what capacity cannot serve is shed at once, not queued. */
    private void serve(int s) {
      int inService = 0;
      for (Unit u : units) {
        inService += u.readyAt <= s ? 1 : 0;
        spotSeconds += u.spot ? 1 : 0;
      }
      inServicePerSecond[s] = inService;
      double capacity = inService * settings.capacityRps();
      double served = Math.min(offered[s], capacity);
      minuteOffered += offered[s];
      minuteServed += served;
      minuteShed += offered[s] - served;
      minuteUtilization += capacity > 0 ? served / capacity : 1;
      minuteInService += inService;
      instanceSeconds += units.size();
    }

    private void closeMinute(int s) {
      int seconds = s % 60 + 1;
      double utilization = minuteUtilization / seconds;
      lastOffered = minuteOffered / seconds;
      lastUtilization = utilization;
      lastInService = minuteInService / seconds;
      double p99 = settings.latency().p99At(utilization);
      minutes.add(
          new Minute(
              s / 60,
              minuteOffered / seconds,
              minuteServed / seconds,
              minuteShed,
              inServicePerSecond[s],
              desired,
              utilization,
              p99,
              p99 > settings.sloP99Ms() || minuteShed > 0));
      minuteOffered = 0;
      minuteServed = 0;
      minuteShed = 0;
      minuteUtilization = 0;
      minuteInService = 0;
    }

    /** FargateTier's strategy: the base On-Demand, the rest split 1 : spotWeight. */
    private boolean nextIsSpot() {
      FleetSettings.Spot spot = settings.spot();
      if (spot == null || spot.spotWeight() == 0) {
        return false;
      }
      long spotCount = units.stream().filter(u -> u.spot && !u.interrupted()).count();
      long onDemand = units.stream().filter(u -> !u.spot).count();
      if (onDemand < spot.onDemandBase()) {
        return false;
      }
      long beyondBase = onDemand - spot.onDemandBase() + spotCount;
      return spotCount * (spot.spotWeight() + 1) < (beyondBase + 1) * spot.spotWeight();
    }
  }
}
