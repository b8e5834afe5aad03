package com.securecart.sales;

import com.securecart.shared.Check;
import com.securecart.shared.ValidationException;
import java.time.Instant;

/** What staff ask for: at most {@code perCustomerLimit} units of {@code sku} per customer. */
public record NewSale(String sku, int perCustomerLimit, Instant startsAt, Instant endsAt) {
  public NewSale {
    Check.required("sku", sku);
    Check.range("perCustomerLimit", perCustomerLimit, 1, 10_000);
    Check.required("startsAt", startsAt);
    Check.required("endsAt", endsAt);
    if (!endsAt.isAfter(startsAt)) {
      throw new ValidationException("endsAt", "must be after startsAt");
    }
  }
}
