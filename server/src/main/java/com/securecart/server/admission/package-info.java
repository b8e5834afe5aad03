/**
 * Admission control (ADR 0011): what to do with a request before any handler runs when the server
 * is busier than it can serve. A priority-aware concurrency limit sheds the least important
 * requests first with 503 and {@code Retry-After} (checkout last, admin reports first), and token
 * buckets per client refuse floods of logins, registrations, checkouts and searches with 429.
 *
 * <p>Dependencies: Netflix concurrency-limits ({@code concurrency-limits-core}) supplies the
 * adaptive limit (Gradient2, measured latency against its long-run baseline), a well-tried
 * algorithm we would not want to re-derive; Bucket4j supplies the token buckets (lock-free local
 * buckets with exact refill arithmetic). Meters are registered in the one registry {@code
 * com.securecart.server.metrics.Metrics} owns.
 */
package com.securecart.server.admission;
