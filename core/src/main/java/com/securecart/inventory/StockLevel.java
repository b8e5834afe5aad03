package com.securecart.inventory;

/** Stock of one SKU. Available is what a new order may still reserve. */
public record StockLevel(String sku, int onHand, int reserved) {
  public int available() {
    return Math.max(0, onHand - reserved);
  }
}
