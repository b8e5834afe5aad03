package com.securecart.sales;

import java.time.Instant;

/** A sale as stored; it applies to checkouts at instants in [startsAt, endsAt). */
public record Sale(long id, String sku, int perCustomerLimit, Instant startsAt, Instant endsAt) {
  public boolean runsAt(Instant instant) {
    return !instant.isBefore(startsAt) && instant.isBefore(endsAt);
  }
}
