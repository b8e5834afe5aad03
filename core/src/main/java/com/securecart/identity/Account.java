package com.securecart.identity;

import com.securecart.shared.CustomerId;
import com.securecart.shared.Principal;
import com.securecart.shared.Role;

/**
 * A stored account. The hash never leaves the identity context's public methods.
 *
 * @param emailVerified whether the owner proved the mailbox (a verification link was used)
 */
public record Account(
    CustomerId id,
    String email,
    String name,
    Role role,
    String passwordHash,
    boolean emailVerified) {
  public Principal principal() {
    return new Principal(id, email, role, emailVerified);
  }

  @Override
  public String toString() {
    return "Account[id=" + id + ", role=" + role + "]";
  }
}
