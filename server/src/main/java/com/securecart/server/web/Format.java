package com.securecart.server.web;

import com.securecart.shared.Money;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Display formatting for pages: money, dates, query strings. Templates hold no logic. */
final class Format {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private Format() {}

  static String money(long cents, String currencyCode) {
    Currency currency = Currency.getInstance(currencyCode);
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    String amount =
        String.format(Locale.ENGLISH, "%,." + digits + "f", BigDecimal.valueOf(cents, digits));
    String symbol = currency.getSymbol(Locale.UK);
    return symbol.length() == 1 ? symbol + amount : amount + " " + currencyCode;
  }

  static String money(Money money) {
    return money.currency() == null ? "" : money(money.cents(), money.currencyCode());
  }

  static String when(Instant at) {
    return at == null ? "" : WHEN.format(at);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A path with a query string of the non-blank parameters, in the order given. */
  static String url(String path, Map<String, String> params) {
    StringJoiner query = new StringJoiner("&");
    params.forEach(
        (k, v) -> {
          if (v != null && !v.isBlank()) {
            query.add(encode(k) + "=" + encode(v));
          }
        });
    return query.length() == 0 ? path : path + "?" + query;
  }

  /** Whole units typed by a person ("12", "12.50") to cents; null when blank or not a price. */
  static Long cents(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      BigDecimal amount = new BigDecimal(value.strip());
      if (amount.signum() < 0
          || amount.scale() > 2
          || amount.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
        return null;
      }
      return amount.movePointRight(2).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** A non-negative whole number typed or edited into a URL; 0 when it is not one. */
  static int wholeNumber(String value) {
    try {
      return Math.max(0, Integer.parseInt(value == null ? "" : value.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Cents as a plain number a person would type ("12.50"). */
  static String plain(Long cents) {
    return cents == null ? "" : BigDecimal.valueOf(cents, 2).toPlainString();
  }

  /** A figure for a chart label: whole when it is, else two decimals. */
  static String decimal(double value) {
    return value == Math.rint(value)
        ? String.format(java.util.Locale.ROOT, "%,d", (long) value)
        : String.format(java.util.Locale.ROOT, "%,.2f", value);
  }
}
