package com.securecart.planner.advisor;

/** Compute Optimizer's three findings for an instance type against what its role needs. */
public enum Finding {
  /** CPU or memory of the current type is below what the role needs with headroom. */
  UNDER_PROVISIONED("under-provisioned"),
  /** The current type fits, and a cheaper type fits too. */
  OVER_PROVISIONED("over-provisioned"),
  /** The current type fits and nothing cheaper does. */
  OPTIMIZED("optimized");

  private final String label;

  Finding(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }
}
