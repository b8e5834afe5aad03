package com.securecart.orders;

import java.util.List;

/** An order with its status history, as its owner or an admin reads it. */
public record OrderDetails(Order order, List<StatusChange> history) {
  public OrderDetails {
    history = List.copyOf(history);
  }
}
