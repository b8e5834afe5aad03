package com.securecart.shared;

import java.util.Objects;

/** The authenticated caller of a request. Guests have no principal. */
public record Principal(CustomerId customerId, String email, Role role) {
  public Principal {
    Objects.requireNonNull(customerId);
    Objects.requireNonNull(role);
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}
