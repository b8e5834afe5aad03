package com.securecart.shared;

/** A order's database id. */
public record OrderId(long value) {
  public OrderId {
    if (value <= 0) {
      throw new ValidationException("orderId", "must be a positive id");
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
