package com.securecart.shared;

import java.util.regex.Pattern;

/**
 * A cart id: 128 random bits, URL-safe. For a guest it is the only key to the cart, so it must be
 * unguessable.
 */
public record CartId(String value) {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22,64}");

  public CartId {
    Check.matches("cartId", value, SHAPE, "is not a cart id");
  }

  public static CartId random() {
    return new CartId(Ids.randomToken(16));
  }

  @Override
  public String toString() {
    return value;
  }
}
