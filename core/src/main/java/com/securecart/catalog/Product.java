package com.securecart.catalog;

import com.securecart.shared.Money;
import com.securecart.shared.ProductId;
import java.time.Instant;
import java.util.Map;

/** A product as sold. Inactive products stay for order history but cannot be bought. */
public record Product(
    ProductId id,
    String sku,
    String name,
    String description,
    String brand,
    String category,
    Money price,
    Map<String, String> attributes,
    String imageUrl,
    boolean active,
    Instant updatedAt) {
  public Product {
    attributes = Map.copyOf(attributes);
  }
}
