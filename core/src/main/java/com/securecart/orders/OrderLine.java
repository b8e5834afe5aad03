package com.securecart.orders;

import com.securecart.shared.Money;
import com.securecart.shared.ProductId;

/** A line as bought: the price is the catalog's at checkout, frozen in the order. */
public record OrderLine(
    ProductId productId, String sku, String name, Money unitPrice, int quantity, Money lineTotal) {}
