package com.securecart.changes;

import java.time.Instant;

/** One change: a product (ref = product id) or a SKU's stock (ref = SKU). */
public record Change(long id, Kind kind, String ref, Instant at) {
  /** What changed. */
  public enum Kind {
    PRODUCT,
    STOCK
  }
}
