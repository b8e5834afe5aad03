package com.securecart.cart;

import com.securecart.shared.CartId;
import com.securecart.shared.CustomerId;

/** A cart the caller may use, its owner (null for a guest cart) and whether it is still open. */
public record OpenCart(CartId id, CustomerId owner, String status) {
  public static final String OPEN = "OPEN";
  public static final String CHECKED_OUT = "CHECKED_OUT";
  public static final String MERGED = "MERGED";

  public boolean guest() {
    return owner == null;
  }

  public boolean open() {
    return OPEN.equals(status);
  }
}
