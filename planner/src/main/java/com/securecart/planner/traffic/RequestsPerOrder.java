package com.securecart.planner.traffic;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many requests each role serves per order placed, to turn orders per second into each role's
 * requests per second. The {@link #DEFAULT} follows the load tests' everyday mix ({@code
 * ShopMixSimulation}: 60% of visitors browse, 30% search, 10% buy, so 10 visits per order): per
 * order, 6 browses make 6 product pages (storefront) and 6 category listings (search), 3 searches
 * make 3 searches and 3 suggestions (search), the purchase opens a cart and adds an item (cart) and
 * checks out once (checkout). The mix asks no recommendations; the default assumes one per product
 * page, as the pages show them. Users override any role from their own analytics.
 */
public record RequestsPerOrder(Map<String, Double> perRole) {
  public static final RequestsPerOrder DEFAULT =
      new RequestsPerOrder(
          Map.of(
              "storefront",
              6.0,
              "search",
              12.0,
              "cart",
              2.0,
              "checkout",
              1.0,
              "recommendations",
              6.0));

  public RequestsPerOrder {
    perRole.forEach(
        (role, n) -> {
          if (!(n >= 0) || n.isInfinite()) {
            throw new IllegalArgumentException(
                role + ": requests per order must be >= 0, got " + n);
          }
        });
    perRole = Map.copyOf(perRole);
  }

  /** This mix with {@code role} set to {@code requests} per order (a new role is added). */
  public RequestsPerOrder with(String role, double requests) {
    var copy = new TreeMap<>(perRole);
    copy.put(role, requests);
    return new RequestsPerOrder(copy);
  }

  public double requests(String role) {
    var n = perRole.get(role);
    if (n == null) {
      throw new IllegalArgumentException(
          "no requests per order for role '"
              + role
              + "'; known: "
              + new TreeMap<>(perRole).keySet());
    }
    return n;
  }

  public double requestsPerSecond(String role, double ordersPerSecond) {
    return requests(role) * ordersPerSecond;
  }
}
