package com.securecart.planner.simulation;

/**
 * What the order pipeline's state machine bills for a number of orders: Standard workflows per
 * state transition, Express workflows per request and per GB-second of duration, rounded up to 100
 * ms and memory to 64 MB, as the Step Functions pricing page states.
 */
public final class StepFunctions {
  private static final double BILLING_MS = 100;
  private static final double MEMORY_CHUNK_MB = 64;

  private StepFunctions() {}

  /**
   * @param transitionsPerOrder state transitions one execution makes (the start counts as one)
   * @param durationMs one Express execution's duration
   * @param memoryMb one Express execution's memory
   */
  public record Workflow(int transitionsPerOrder, double durationMs, double memoryMb) {
    public Workflow {
      if (transitionsPerOrder < 1 || durationMs <= 0 || memoryMb <= 0) {
        throw new IllegalArgumentException("need transitions >= 1, duration and memory > 0");
      }
    }
  }

  /** Standard: billed transitions. */
  public static double standardTransitions(Workflow workflow, double orders) {
    return orders * workflow.transitionsPerOrder();
  }

  /** Express: billed GB-seconds (the request charge is one per order). */
  public static double expressGbSeconds(Workflow workflow, double orders) {
    double seconds = Math.ceil(workflow.durationMs() / BILLING_MS) * BILLING_MS / 1000;
    double gb = Math.ceil(workflow.memoryMb() / MEMORY_CHUNK_MB) * MEMORY_CHUNK_MB / 1024;
    return orders * seconds * gb;
  }
}
