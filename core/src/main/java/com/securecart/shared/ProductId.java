package com.securecart.shared;

/** A product's database id. */
public record ProductId(long value) {
  public ProductId {
    if (value <= 0) {
      throw new ValidationException("productId", "must be a positive id");
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
