/**
 * {@code ./securecart plan}: wires the traffic profiles, a capacity file, securecart.json's tiers
 * and the price snapshot into the simulator, compares the options in one table and writes plan.json
 * (for the CDK app) and plan.html. Each option differs from the baseline in one choice.
 */
package com.securecart.planner.plan;
