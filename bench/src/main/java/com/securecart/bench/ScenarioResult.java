package com.securecart.bench;

import java.util.List;

/**
 * One row of the checkout benchmark's table plus the lines that explain it.
 *
 * @param key the prefix of its figures in checkout-results.properties: {@code a} or {@code b}
 * @param summary lines for the summary under the table (per-order costs), empty if none
 * @param properties further {@code key.name=value} lines for checkout-results.properties, or ""
 */
record ScenarioResult(
    String key,
    String label,
    double ordersPerSecond,
    double p50Millis,
    double p99Millis,
    long errors,
    long oversold,
    boolean asExpected,
    List<String> details,
    List<String> summary,
    String properties) {}
