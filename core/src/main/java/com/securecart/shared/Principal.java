package com.securecart.shared;

import java.util.Objects;

/** The authenticated caller of a request. Guests have no principal. */
public record Principal(CustomerId customerId, String email, Role role) {
  public Principal {
    Objects.requireNonNull(customerId);
    Objects.requireNonNull(role);
  }

  /** Whether this is a staff member (any staff role). */
  public boolean isStaff() {
    return role.staff();
  }

  public boolean may(Permission permission) {
    return role.may(permission);
  }
}
