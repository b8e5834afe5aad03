/**
 * Operational metrics in one place: one Micrometer registry made once per server instance, a filter
 * timing every HTTP request by route template and status (fixed-bucket histograms), JVM, GC,
 * process and HikariCP meters, counters for orders placed and outbox events handled, gauges of the
 * outbox backlog and the age of its oldest event, pipeline step durations, retries and failures
 * (the core's PipelineObserver port) and search index latency. The operations page charts them;
 * {@code GET /metrics} (scrapers, optionally behind a bearer token) and {@code /admin/metrics}
 * expose them to Prometheus. Names and alarms: docs/operations.md.
 *
 * <p>Why the dependencies: {@code micrometer-core} for meters with client-side percentiles and
 * histograms, {@code micrometer-registry-prometheus} for the text format a scraper reads.
 */
package com.securecart.server.metrics;
