package com.securecart.inventory;

import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;
import java.util.List;
import java.util.Map;

/** Checkout asked for more than is available; names every line that is short. */
public final class OutOfStockException extends DomainException {
  private final transient List<Shortage> shortages;

  OutOfStockException(List<Shortage> shortages) {
    super(
        Kind.CONFLICT,
        ProblemType.OUT_OF_STOCK,
        "Out of stock",
        "Not enough stock for " + shortages.size() + " line(s)",
        Map.of("lines", List.copyOf(shortages)));
    this.shortages = List.copyOf(shortages);
  }

  public List<Shortage> shortages() {
    return shortages;
  }
}
