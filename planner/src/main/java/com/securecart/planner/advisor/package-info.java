/**
 * The right-sizing advisor: reads the CPU and memory a running fleet used (SecureCart's own
 * Prometheus scrapes or a CloudWatch export), sizes each role the way AWS Compute Optimizer does
 * (CPU at p99.5 and memory at its maximum, each with 20% headroom), and recommends the cheapest
 * instance type in the price snapshot that fits, with the saving, a performance-risk score and a
 * finding. The model is in planner/ADVISOR.md.
 */
package com.securecart.planner.advisor;
