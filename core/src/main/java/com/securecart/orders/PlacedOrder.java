package com.securecart.orders;

/** A placed order and the guest access token, which is shown once and stored only as a digest. */
public record PlacedOrder(Order order, String accessToken) {
  @Override
  public String toString() {
    return "PlacedOrder[" + order + "]";
  }
}
