package com.securecart.planner.prices;

import java.math.BigDecimal;

/**
 * One EC2 instance type with its Linux on-demand price. {@code gpus} is 0 for the general purpose,
 * compute and memory families; {@code gpuModel} is empty then.
 */
public record Ec2InstanceType(
    String name,
    int vcpus,
    BigDecimal memoryGib,
    Architecture architecture,
    String physicalProcessor,
    int gpus,
    String gpuModel,
    BigDecimal usdPerHour) {

  /** The family, e.g. "m7g" for m7g.large. */
  public String family() {
    return name.substring(0, name.indexOf('.'));
  }

  public boolean graviton() {
    return architecture == Architecture.ARM64;
  }
}
