package com.securecart.search;

import java.time.Instant;

/** What the index holds of a product: its searchable text, its facets and its availability. */
public record IndexedProduct(
    long id,
    String sku,
    String name,
    String description,
    String brand,
    String category,
    long priceCents,
    String currency,
    int available,
    Instant updatedAt) {}
