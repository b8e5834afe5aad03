package com.securecart.planner.advisor;

import com.securecart.planner.prices.Ec2InstanceType;
import com.securecart.planner.prices.PriceTable;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sizes each role from what it used and picks the cheapest fitting type, in Compute Optimizer's
 * manner (planner/ADVISOR.md has the model).
 *
 * <p>Performance risk, per resource, from the projected utilization u = the role's peak over the
 * type's capacity: u &le; 0.5 is 0 (very low), &le; 0.7 is 1 (low), up to the headroom line (0.8
 * with 20% headroom) is 2 (medium: it fits, with no more than the headroom to spare), &le; 0.9 is 3
 * (high: the peak eats into the headroom), above is 4 (very high: at or past saturation, where a
 * CPU measured near 100% hides how much more was wanted). The type's risk is the higher of CPU and
 * memory, as Compute Optimizer takes the maximum across resources, plus 1 for a burstable T type,
 * whose CPU beyond its baseline lasts only while credits do.
 */
public final class Advisor {
  /**
   * Baseline CPU per vCPU of the burstable sizes the snapshot holds (t3, t3a and t4g share them),
   * from the EC2 burstable performance instances page: sustained CPU, beyond it credits burn.
   */
  private static final Map<String, Double> T_BASELINE =
      Map.of("medium", 0.2, "large", 0.3, "xlarge", 0.4, "2xlarge", 0.4);

  private final PriceTable prices;
  private final Preferences preferences;

  public Advisor(PriceTable prices, Preferences preferences) {
    this.prices = prices;
    this.preferences = preferences;
  }

  /** {@code current} is the instance type each role ran on; every measured role needs one. */
  public List<Recommendation> advise(Map<String, RoleUsage> usage, Map<String, String> current) {
    var missing =
        usage.keySet().stream().filter(role -> !current.containsKey(role)).sorted().toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "no --current type for the measured roles " + missing + " (give ROLE=TYPE)");
    }
    return usage.values().stream().map(u -> advise(u, prices.ec2(current.get(u.role())))).toList();
  }

  Recommendation advise(RoleUsage usage, Ec2InstanceType current) {
    if (usage.cpuFraction().isEmpty()) {
      throw new IllegalArgumentException("role " + usage.role() + " has no CPU samples");
    }
    double cpuPeak =
        Percentile.of(usage.cpuFraction(), preferences.cpuPercentile()) * current.vcpus();
    boolean measured = !usage.memoryGib().isEmpty() || !usage.memoryFraction().isEmpty();
    double memoryPeak =
        !usage.memoryGib().isEmpty()
            ? Collections.max(usage.memoryGib())
            : !usage.memoryFraction().isEmpty()
                ? Collections.max(usage.memoryFraction()) * current.memoryGib().doubleValue()
                // Unseen memory is held at what the role has: never shrink what was not measured.
                : current.memoryGib().doubleValue() * (1 - preferences.memoryHeadroom());
    double needVcpus = cpuPeak / (1 - preferences.cpuHeadroom());
    double needGib = memoryPeak / (1 - preferences.memoryHeadroom());

    var cheapest =
        prices.ec2Types().stream()
            .filter(t -> preferences.families().contains(t.family()))
            .filter(t -> cpuCapacity(t) >= needVcpus && t.memoryGib().doubleValue() >= needGib)
            .min(
                Comparator.comparing(Ec2InstanceType::usdPerHour)
                    .thenComparing(t -> preferences.families().indexOf(t.family())));
    boolean currentFits =
        cpuCapacity(current) >= needVcpus && current.memoryGib().doubleValue() >= needGib;
    Finding finding;
    Optional<Ec2InstanceType> recommended;
    if (!currentFits) {
      finding = Finding.UNDER_PROVISIONED;
      recommended = cheapest;
    } else if (cheapest.isPresent()
        && cheapest.get().usdPerHour().compareTo(current.usdPerHour()) < 0) {
      finding = Finding.OVER_PROVISIONED;
      recommended = cheapest;
    } else {
      finding = Finding.OPTIMIZED;
      recommended = Optional.of(current);
    }
    return new Recommendation(
        usage.role(),
        usage.instances().size(),
        current,
        cpuPeak,
        memoryPeak,
        measured,
        needVcpus,
        needGib,
        finding,
        risk(current, cpuPeak, memoryPeak),
        recommended,
        recommended.map(t -> risk(t, cpuPeak, memoryPeak)).orElse(4));
  }

  int risk(Ec2InstanceType type, double cpuPeakVcpus, double memoryPeakGib) {
    int cpu = score(cpuPeakVcpus / cpuCapacity(type), preferences.cpuHeadroom());
    int memory =
        score(memoryPeakGib / type.memoryGib().doubleValue(), preferences.memoryHeadroom());
    return Math.min(4, Math.max(cpu, memory) + (burstable(type) ? 1 : 0));
  }

  private static int score(double utilization, double headroom) {
    if (utilization <= 0.5) {
      return 0;
    }
    if (utilization <= 0.7) {
      return 1;
    }
    if (utilization <= Math.max(0.7, 1 - headroom)) {
      return 2;
    }
    return utilization <= 0.9 ? 3 : 4;
  }

  /** vCPUs a type sustains: all of them, or a burstable type's baseline share. */
  static double cpuCapacity(Ec2InstanceType type) {
    if (!burstable(type)) {
      return type.vcpus();
    }
    var size = type.name().substring(type.name().indexOf('.') + 1);
    var baseline = T_BASELINE.get(size);
    if (baseline == null) {
      throw new IllegalArgumentException("no baseline CPU known for burstable " + type.name());
    }
    return type.vcpus() * baseline;
  }

  private static boolean burstable(Ec2InstanceType type) {
    return type.family().startsWith("t");
  }
}
