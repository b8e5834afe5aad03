package com.securecart.identity;

import com.securecart.shared.Principal;
import java.time.Instant;

/** A fresh login: the bearer token (shown once) and who it stands for. */
public record Session(String token, Instant expiresAt, Principal principal) {
  @Override
  public String toString() {
    return "Session[token=***, expiresAt=" + expiresAt + ", principal=" + principal + "]";
  }
}
