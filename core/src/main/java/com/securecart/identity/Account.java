package com.securecart.identity;

import com.securecart.shared.CustomerId;
import com.securecart.shared.Role;

/** A stored account. The hash never leaves the identity context's public methods. */
public record Account(CustomerId id, String email, String name, Role role, String passwordHash) {
  @Override
  public String toString() {
    return "Account[id=" + id + ", role=" + role + "]";
  }
}
