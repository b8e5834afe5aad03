package com.securecart.identity;

import com.securecart.shared.CustomerId;
import com.securecart.shared.Role;
import java.time.Instant;
import java.util.Optional;

/** Port to the account store. */
public interface AccountRepository {
  /** Empty if the e-mail is already registered. */
  Optional<CustomerId> insert(
      String email, String name, String passwordHash, Role role, Instant now);

  Optional<Account> findByEmail(String email);

  Optional<Account> findById(CustomerId id);

  boolean anyWithRole(Role role);

  void setPasswordHash(CustomerId id, String passwordHash);

  void markEmailVerified(CustomerId id, Instant now);
}
