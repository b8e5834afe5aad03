package com.securecart.cart;

import com.securecart.shared.Money;
import com.securecart.shared.ProductId;

/** A cart line priced from the catalog at the time it is read. */
public record CartLine(
    ProductId productId,
    String sku,
    String name,
    Money unitPrice,
    int quantity,
    Money lineTotal,
    boolean purchasable) {}
