package com.securecart.identity;

import com.securecart.shared.Role;
import java.time.Instant;

/** A staff invitation: the token (shown once, stored hashed) for the invitee's e-mail and role. */
public record Invitation(String token, String email, Role role, Instant expiresAt) {
  @Override
  public String toString() {
    return "Invitation[token=***, role=" + role + ", expiresAt=" + expiresAt + "]";
  }
}
