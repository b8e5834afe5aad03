package com.securecart.shared;

import java.util.Currency;

/**
 * Parses ISO 4217 codes, turning a bad code into a field error rather than an exception message.
 */
public final class Currencies {
  private Currencies() {}

  public static Currency parse(String field, String code) {
    if (code == null || !code.matches("[A-Z]{3}")) {
      throw new ValidationException(field, "must be an ISO 4217 code such as EUR");
    }
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(field, "unknown currency " + code);
    }
  }
}
