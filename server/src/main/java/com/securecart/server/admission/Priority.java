package com.securecart.server.admission;

/**
 * How much a request matters when the server is overloaded, most important first. Each priority may
 * use a share of the concurrency limit: when requests in flight reach a priority's share, that
 * priority is shed (503) while those above it are still admitted, so admin reports go first, then
 * browsing and search, then carts, and checkout last.
 */
public enum Priority {
  /** Placing an order: the request that earns money. */
  CHECKOUT(1.0),
  /** Carts, signing in, a customer's own orders: a shopper on the way to checkout. */
  CART(0.9),
  /** Storefront pages, product reads, search: most of the traffic, and the cheapest to retry. */
  BROWSE(0.75),
  /** Staff pages and reports: can wait for the sale to pass. */
  ADMIN(0.5);

  private final double share;

  Priority(double share) {
    this.share = share;
  }

  /** How many requests may be in flight before this priority is shed, at the given limit. */
  public int threshold(int limit) {
    return Math.max(1, (int) Math.floor(limit * share));
  }
}
