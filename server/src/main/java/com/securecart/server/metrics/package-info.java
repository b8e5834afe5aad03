/**
 * Operational metrics in one place: one Micrometer registry made in the composition root, a filter
 * timing every HTTP request (with a percentile histogram), counters for orders placed and outbox
 * events handled, and a gauge of the outbox backlog. The operations page charts them; {@code
 * /admin/metrics} exposes them to Prometheus.
 *
 * <p>Why the dependencies: {@code micrometer-core} for meters with client-side percentiles and
 * histograms, {@code micrometer-registry-prometheus} for the text format a scraper reads.
 */
package com.securecart.server.metrics;
