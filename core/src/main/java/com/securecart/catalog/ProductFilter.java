package com.securecart.catalog;

import com.securecart.shared.PageRequest;
import com.securecart.shared.ValidationException;

/** A catalog listing query. Only active products are listed to shoppers. */
public record ProductFilter(
    String category, String brand, Long minPriceCents, Long maxPriceCents, PageRequest page) {
  public ProductFilter {
    category = blankToNull(category);
    brand = blankToNull(brand);
    if (minPriceCents != null && minPriceCents < 0) {
      throw new ValidationException("minPrice", "must not be negative");
    }
    if (maxPriceCents != null && maxPriceCents < 0) {
      throw new ValidationException("maxPrice", "must not be negative");
    }
    if (minPriceCents != null && maxPriceCents != null && minPriceCents > maxPriceCents) {
      throw new ValidationException("minPrice", "must not exceed maxPrice");
    }
    if (category != null && category.length() > 100 || brand != null && brand.length() > 100) {
      throw new ValidationException("category", "filters are at most 100 characters");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
