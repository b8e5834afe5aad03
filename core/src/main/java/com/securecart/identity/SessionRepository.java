package com.securecart.identity;

import com.securecart.shared.CustomerId;
import java.time.Instant;
import java.util.Optional;

/** Port to the session store, keyed by the SHA-256 of the token. */
public interface SessionRepository {
  /** Stores a session, last seen {@code now}. */
  void insert(String tokenHash, CustomerId customer, Instant now, Instant expiresAt);

  /** The unexpired session of an enabled account; the idle timeout is for the caller to apply. */
  Optional<ActiveSession> findActive(String tokenHash, Instant now);

  /** Records a request at {@code now} for the idle timeout. */
  void touch(String tokenHash, Instant now);

  /** Records a TOTP re-authentication at {@code now}. */
  void markSteppedUp(String tokenHash, Instant now);

  void delete(String tokenHash);

  /** Ends every session of an account (a disabled staff member). */
  int deleteForAccount(CustomerId customer);

  int deleteExpired(Instant now);

  /** Ends every session of the account (sign out everywhere, a password reset). */
  void deleteAllFor(CustomerId customer);

  /** Ends every session of the account but the one with this token hash (a password change). */
  void deleteAllExceptFor(CustomerId customer, String tokenHash);
}
