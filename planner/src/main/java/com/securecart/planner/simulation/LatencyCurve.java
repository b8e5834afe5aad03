package com.securecart.planner.simulation;

import java.util.Comparator;
import java.util.List;

/**
 * The measured p99 against utilization of one instance (the load sweep's curve), interpolated
 * linearly between points. Beyond the last point the p99 stays at the last point's value: load
 * above capacity is shed by admission control rather than queued, so it shows up as shed requests.
 */
public record LatencyCurve(List<Point> points) {

  /**
   * @param utilization share of the instance's capacity (0..1; capacity is the load at 100% CPU)
   */
  public record Point(double utilization, double p99Ms) {
    public Point {
      if (utilization < 0 || p99Ms <= 0) {
        throw new IllegalArgumentException("a point needs utilization >= 0 and p99 > 0");
      }
    }
  }

  public LatencyCurve {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a latency curve needs at least one point");
    }
    points = points.stream().sorted(Comparator.comparingDouble(Point::utilization)).toList();
  }

  public static LatencyCurve of(double... utilizationThenP99) {
    if (utilizationThenP99.length % 2 != 0) {
      throw new IllegalArgumentException("pairs of (utilization, p99 ms) expected");
    }
    Point[] points = new Point[utilizationThenP99.length / 2];
    for (int i = 0; i < points.length; i++) {
      points[i] = new Point(utilizationThenP99[2 * i], utilizationThenP99[2 * i + 1]);
    }
    return new LatencyCurve(List.of(points));
  }

  public double p99At(double utilization) {
    Point first = points.getFirst();
    if (utilization <= first.utilization()) {
      return first.p99Ms();
    }
    for (int i = 1; i < points.size(); i++) {
      Point hi = points.get(i);
      if (utilization <= hi.utilization()) {
        Point lo = points.get(i - 1);
        double share = (utilization - lo.utilization()) / (hi.utilization() - lo.utilization());
        return lo.p99Ms() + share * (hi.p99Ms() - lo.p99Ms());
      }
    }
    return points.getLast().p99Ms();
  }
}
