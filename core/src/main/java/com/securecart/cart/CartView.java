package com.securecart.cart;

import com.securecart.shared.CartId;
import com.securecart.shared.Money;
import java.util.List;

/**
 * What a shopper sees of a cart. The subtotal is null for an empty cart, which has no currency yet.
 */
public record CartView(
    CartId id, boolean guest, List<CartLine> lines, int itemCount, Money subtotal) {
  public CartView {
    lines = List.copyOf(lines);
  }
}
