package com.securecart.shared;

/** A customer's database id. */
public record CustomerId(long value) {
  public CustomerId {
    if (value <= 0) {
      throw new ValidationException("customerId", "must be a positive id");
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
