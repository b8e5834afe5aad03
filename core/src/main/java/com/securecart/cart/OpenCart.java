package com.securecart.cart;

import com.securecart.shared.CartId;
import com.securecart.shared.CustomerId;

/** An open cart and its owner; a null owner is a guest cart. */
public record OpenCart(CartId id, CustomerId owner) {
  public boolean guest() {
    return owner == null;
  }
}
