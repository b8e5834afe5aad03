package com.securecart.cart;

import com.securecart.shared.ProductId;

/** A product and how many of it. */
public record CartItem(ProductId productId, int quantity) {}
