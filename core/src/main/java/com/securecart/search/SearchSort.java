package com.securecart.search;

import com.securecart.shared.ValidationException;
import java.util.Locale;

/** How hits are ordered. */
public enum SearchSort {
  RELEVANCE,
  PRICE_ASC,
  PRICE_DESC,
  NEWEST;

  public static SearchSort parse(String value) {
    if (value == null || value.isBlank()) {
      return RELEVANCE;
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("sort", "must be relevance, price_asc, price_desc or newest");
    }
  }
}
