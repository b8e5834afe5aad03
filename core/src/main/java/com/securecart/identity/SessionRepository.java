package com.securecart.identity;

import com.securecart.shared.CustomerId;
import com.securecart.shared.Principal;
import java.time.Instant;
import java.util.Optional;

/** Port to the session store, keyed by the SHA-256 of the token. */
public interface SessionRepository {
  void insert(String tokenHash, CustomerId customer, Instant now, Instant expiresAt);

  Optional<Principal> findValid(String tokenHash, Instant now);

  void delete(String tokenHash);

  int deleteExpired(Instant now);

  /** Ends every session of the account (sign out everywhere, a password reset). */
  void deleteAllFor(CustomerId customer);

  /** Ends every session of the account but the one with this token hash (a password change). */
  void deleteAllExceptFor(CustomerId customer, String tokenHash);
}
