/**
 * The scaling simulation: second by second over an offered load (requests per second, one value per
 * second), what each tier's autoscaler does with the lags AWS documents, and what that costs in
 * latency, shed requests and SLO minutes. {@link FleetSimulator} covers EC2 Auto Scaling groups and
 * ECS services on Fargate; {@link LambdaSimulator}, {@link StepFunctions} and {@link
 * BatchSimulator} the serverless and batch tiers. Inputs are plain arrays and small records, so
 * that traffic profiles, measured capacity and prices are wired in from outside.
 */
package com.securecart.planner.simulation;
