package com.securecart.shared;

import java.util.Objects;

/** The authenticated caller of a request. Guests have no principal. */
public record Principal(CustomerId customerId, String email, Role role, boolean emailVerified) {
  public Principal {
    Objects.requireNonNull(customerId);
    Objects.requireNonNull(role);
  }

  /** A caller whose e-mail address is not (or not known to be) verified. */
  public Principal(CustomerId customerId, String email, Role role) {
    this(customerId, email, role, false);
  }

  /** Whether this is a staff member (any staff role). */
  public boolean isStaff() {
    return role.staff();
  }

  public boolean may(Permission permission) {
    return role.may(permission);
  }
}
