package com.securecart.planner.advisor;

import com.securecart.planner.prices.Ec2InstanceType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * One role's advice. {@code cpuPeakVcpus} and {@code memoryPeakGib} are what the role used at the
 * CPU percentile and at its memory maximum; {@code requiredVcpus} and {@code requiredGib} add the
 * headroom. {@code memoryMeasured} is false when the export had no memory figure: the role is then
 * held to its current memory. {@code recommended} is empty when no candidate type fits. Risks are 0
 * (very low) .. 4 (very high), see {@link Advisor}.
 */
public record Recommendation(
    String role,
    int instances,
    Ec2InstanceType current,
    double cpuPeakVcpus,
    double memoryPeakGib,
    boolean memoryMeasured,
    double requiredVcpus,
    double requiredGib,
    Finding finding,
    int currentRisk,
    Optional<Ec2InstanceType> recommended,
    int recommendedRisk) {

  /** AWS's pricing pages reckon a month as 730 hours. */
  public static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);

  /** Per instance per hour, current minus recommended: negative when the advice costs more. */
  public Optional<BigDecimal> savingPerInstanceHour() {
    return recommended.map(r -> current.usdPerHour().subtract(r.usdPerHour()));
  }

  /** For the whole role (every instance seen) over a month, to the cent. */
  public Optional<BigDecimal> savingPerMonth() {
    return savingPerInstanceHour()
        .map(
            s ->
                s.multiply(HOURS_PER_MONTH)
                    .multiply(BigDecimal.valueOf(instances))
                    .setScale(2, RoundingMode.HALF_EVEN));
  }
}
