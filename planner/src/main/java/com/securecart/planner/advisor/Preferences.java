package com.securecart.planner.advisor;

import com.securecart.planner.prices.Ec2InstanceType;
import java.util.Comparator;
import java.util.List;

/**
 * Compute Optimizer's utilization preferences and its preferred-resources list. {@code
 * cpuPercentile} is the threshold the CPU is sized at (99.5 by default; AWS also offers 90 and 95);
 * each headroom is the share of the type's capacity kept free at that peak (0.2: the peak may fill
 * 80%). {@code families} are the candidate families in order of preference: among types that cost
 * the same per hour, the earlier family wins.
 */
public record Preferences(
    double cpuPercentile, double cpuHeadroom, double memoryHeadroom, List<String> families) {

  public Preferences {
    if (!(cpuPercentile > 0 && cpuPercentile <= 100)) {
      throw new IllegalArgumentException("cpuPercentile must be in (0, 100]: " + cpuPercentile);
    }
    if (!(cpuHeadroom >= 0 && cpuHeadroom < 1 && memoryHeadroom >= 0 && memoryHeadroom < 1)) {
      throw new IllegalArgumentException("a headroom must be in [0, 1)");
    }
    if (families.isEmpty()) {
      throw new IllegalArgumentException("no candidate families");
    }
    families = List.copyOf(families);
  }

  /**
   * Compute Optimizer's defaults (p99.5, 20% CPU and 20% memory headroom) over every non-GPU family
   * of {@code types}: Graviton first, newer generations before older.
   */
  public static Preferences defaults(List<Ec2InstanceType> types) {
    return new Preferences(99.5, 0.2, 0.2, families(types));
  }

  public Preferences withFamilies(List<String> preferred) {
    return new Preferences(cpuPercentile, cpuHeadroom, memoryHeadroom, preferred);
  }

  private static List<String> families(List<Ec2InstanceType> types) {
    return types.stream()
        .filter(t -> t.gpus() == 0)
        .sorted(
            Comparator.comparing((Ec2InstanceType t) -> !t.graviton())
                .thenComparing(t -> -generation(t.family()))
                .thenComparing(Ec2InstanceType::family))
        .map(Ec2InstanceType::family)
        .distinct()
        .toList();
  }

  private static int generation(String family) {
    return Character.getNumericValue(
        family.chars().filter(Character::isDigit).findFirst().orElse('0'));
  }
}
