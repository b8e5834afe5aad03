package com.securecart.inventory;

import com.securecart.shared.Check;

/** A quantity of one SKU that an order wants. */
public record StockRequest(String sku, int quantity) {
  public StockRequest {
    Check.required("sku", sku);
    Check.range("quantity", quantity, 1, 10_000);
  }
}
