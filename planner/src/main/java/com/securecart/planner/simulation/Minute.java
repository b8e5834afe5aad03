package com.securecart.planner.simulation;

/**
 * One minute of a tier's simulation.
 *
 * @param offeredRps mean offered load
 * @param shedRequests requests admission control refused because capacity was short
 * @param inService instances or tasks receiving traffic at the minute's end
 * @param desired the group's desired capacity at the minute's end (in service plus launching)
 * @param utilization mean share of in-service capacity used (0..1)
 * @param p99Ms the latency curve at that utilization
 * @param sloViolated p99 above the SLO or any request shed
 */
public record Minute(
    int minute,
    double offeredRps,
    double servedRps,
    double shedRequests,
    int inService,
    int desired,
    double utilization,
    double p99Ms,
    boolean sloViolated) {}
