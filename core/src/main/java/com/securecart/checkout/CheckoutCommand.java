package com.securecart.checkout;

import com.securecart.orders.Address;
import com.securecart.shared.CartId;
import com.securecart.shared.Check;
import com.securecart.shared.EmailAddress;
import java.util.regex.Pattern;

/**
 * A checkout request. The e-mail may be left out by a signed-in customer (his account's is used).
 */
public record CheckoutCommand(
    CartId cartId, String email, Address shippingAddress, String paymentToken) {
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,200}");

  public CheckoutCommand {
    Check.required("cartId", cartId);
    email = email == null ? null : EmailAddress.normalise("email", email);
    Check.required("shippingAddress", shippingAddress);
    Check.matches("paymentToken", paymentToken, TOKEN, "must be a payment token such as tok_visa");
  }

  @Override
  public String toString() {
    return "CheckoutCommand[cartId=" + cartId + "]";
  }
}
