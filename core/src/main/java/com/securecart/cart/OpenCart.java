package com.securecart.cart;

import com.securecart.shared.CartId;
import com.securecart.shared.CustomerId;

/** A cart the caller may use, its owner (null for a guest cart) and whether it is still open. */
public record OpenCart(CartId id, CustomerId owner, String status) {
  public static final String OPEN = "OPEN";
  public static final String CHECKED_OUT = "CHECKED_OUT";
  static final String MERGED = "MERGED";

  boolean guest() {
    return owner == null;
  }

  boolean open() {
    return OPEN.equals(status);
  }
}
