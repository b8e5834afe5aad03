package com.securecart.planner.simulation;

/**
 * How long a new instance or task takes from the scaling decision to receiving traffic.
 *
 * @param bootSeconds a cold launch: EC2 run-instances and OS boot plus the bootstrap (bundle
 *     download), or for Fargate the task's provisioning and image pull; configurable, not measured
 * @param warmPoolStartSeconds starting a stopped, pre-initialised instance out of a warm pool
 * @param readySeconds SecureCart's measured start-to-ready (process start to /health/ready)
 * @param healthCheckSeconds the load balancer's healthy threshold times its interval
 * @param warmupSeconds the scaling policy's instance warm-up: a new instance's metrics are left out
 *     and the group does not scale in while one is warming up
 */
public record LaunchTimes(
    int bootSeconds,
    int warmPoolStartSeconds,
    int readySeconds,
    int healthCheckSeconds,
    int warmupSeconds) {

  public LaunchTimes {
    if (bootSeconds < 0
        || warmPoolStartSeconds < 0
        || readySeconds < 0
        || healthCheckSeconds < 0
        || warmupSeconds < 0) {
      throw new IllegalArgumentException("launch times cannot be negative");
    }
  }

  int cold() {
    return bootSeconds + readySeconds + healthCheckSeconds;
  }

  int fromWarmPool() {
    return warmPoolStartSeconds + readySeconds + healthCheckSeconds;
  }
}
