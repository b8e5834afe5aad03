package com.securecart.testing;

import com.securecart.checkout.CheckoutCommand;
import com.securecart.orders.Address;
import com.securecart.shared.CartId;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Principal;
import com.securecart.shared.Role;
import java.util.Optional;

/** Shoppers, addresses and checkout requests. */
public final class CartMother {
  private CartMother() {}

  public static Optional<Principal> guest() {
    return Optional.empty();
  }

  public static Principal customer(long id) {
    // Verified, as most customers who buy are; a test of the unverified case says so.
    return new Principal(new CustomerId(id), "customer" + id + "@example.com", Role.CUSTOMER, true);
  }

  public static Principal admin(long id) {
    return new Principal(new CustomerId(id), "admin" + id + "@example.com", Role.OWNER);
  }

  public static Address address(String country) {
    return new Address("Ada Lovelace", "12 Main St", null, "Berlin", "10115", country);
  }

  /** A checkout of the cart to Germany, the e-mail taken from the caller's account. */
  public static CheckoutCommand checkout(CartId cart) {
    return new CheckoutCommand(cart, null, address("DE"), "tok_visa");
  }

  public static CheckoutCommand guestCheckout(CartId cart, String email) {
    return new CheckoutCommand(cart, email, address("DE"), "tok_visa");
  }
}
