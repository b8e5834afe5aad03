package com.securecart.identity;

import com.securecart.shared.CustomerId;
import java.time.Instant;
import java.util.Optional;

/** Port to single-use account tokens, stored as the SHA-256 of the token. */
public interface AccountTokenRepository {
  /** Stores a token, deleting the account's older ones of the same purpose (a newer one wins). */
  void replace(
      CustomerId account, TokenPurpose purpose, String tokenHash, Instant now, Instant expiresAt);

  /** The account of a token that exists, has this purpose and has not expired; uses nothing. */
  Optional<CustomerId> find(TokenPurpose purpose, String tokenHash, Instant now);

  /**
   * Deletes the token and returns its account if it existed, had this purpose and had not expired.
   * Of two concurrent uses of one token only one gets the account (the delete decides).
   */
  Optional<CustomerId> consume(TokenPurpose purpose, String tokenHash, Instant now);

  /** Deletes the tokens that expired before {@code now}; returns how many. */
  int deleteExpired(Instant now);

  /** Deletes every token of the account (a new password makes outstanding resets worthless). */
  void deleteAllFor(CustomerId account);
}
