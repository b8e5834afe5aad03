package com.securecart.planner.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What one role's instances used over the window, pooled across its instances (every instance of a
 * role runs the same type behind the same load balancer, so their samples are one population): CPU
 * as a fraction of the instance's vCPUs (0..1), and memory either in GiB (a process's own figure)
 * or as a fraction of the instance's memory (the CloudWatch agent's), whichever the source has.
 */
public final class RoleUsage {
  private final String role;
  private final TreeSet<String> instances = new TreeSet<>();
  private final List<Double> cpuFraction = new ArrayList<>();
  private final List<Double> memoryGib = new ArrayList<>();
  private final List<Double> memoryFraction = new ArrayList<>();

  RoleUsage(String role) {
    this.role = role;
  }

  public String role() {
    return role;
  }

  /** The instance ids, sorted. */
  public List<String> instances() {
    return List.copyOf(instances);
  }

  public List<Double> cpuFraction() {
    return List.copyOf(cpuFraction);
  }

  public List<Double> memoryGib() {
    return List.copyOf(memoryGib);
  }

  public List<Double> memoryFraction() {
    return List.copyOf(memoryFraction);
  }

  void instance(String id) {
    instances.add(id);
  }

  void cpu(double fraction) {
    cpuFraction.add(fraction);
  }

  void memoryGib(double gib) {
    memoryGib.add(gib);
  }

  void memoryFraction(double fraction) {
    memoryFraction.add(fraction);
  }
}
