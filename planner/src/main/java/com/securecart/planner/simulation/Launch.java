package com.securecart.planner.simulation;

/**
 * One instance or task started by the simulation.
 *
 * @param decidedAt the second the group's desired capacity asked for it
 * @param inServiceAt the second it receives traffic
 */
public record Launch(int decidedAt, int inServiceAt, boolean fromWarmPool, boolean spot) {}
