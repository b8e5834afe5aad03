package com.securecart.server.web;

import com.securecart.inventory.InventoryApi;
import com.securecart.shared.ValidationException;

/** What the staff dashboard's pages share: the listing size and reading a typed stock count. */
final class AdminSupport {
  static final int PAGE_SIZE = 25;

  private AdminSupport() {}

  /** A stock count typed into a form, 0 to the inventory's maximum. */
  static int stockCount(String field, String value) {
    try {
      int n = Integer.parseInt(value == null ? "" : value.strip());
      if (n >= 0 && n <= InventoryApi.MAX_ON_HAND) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ValidationException(
        field, "must be a whole number from 0 to " + InventoryApi.MAX_ON_HAND);
  }
}
