package com.securecart.testing;

import com.securecart.identity.Account;
import com.securecart.identity.AccountRepository;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accounts in a list; the e-mail is unique, as in SQL. */
public final class InMemoryAccountRepository implements AccountRepository {
  private final List<Account> accounts = new ArrayList<>();

  @Override
  public Optional<CustomerId> insert(
      String email, String name, String passwordHash, Role role, Instant now) {
    if (findByEmail(email).isPresent()) {
      return Optional.empty();
    }
    CustomerId id = new CustomerId(accounts.size() + 1);
    accounts.add(new Account(id, email, name, role, passwordHash, false));
    return Optional.of(id);
  }

  @Override
  public Optional<Account> findByEmail(String email) {
    return accounts.stream().filter(a -> a.email().equals(email)).findFirst();
  }

  @Override
  public boolean anyWithRole(Role role) {
    return accounts.stream().anyMatch(a -> a.role() == role);
  }

  @Override
  public Optional<Account> findById(CustomerId id) {
    return accounts.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  @Override
  public void setPasswordHash(CustomerId id, String passwordHash) {
    replace(
        id,
        a -> new Account(a.id(), a.email(), a.name(), a.role(), passwordHash, a.emailVerified()));
  }

  @Override
  public void markEmailVerified(CustomerId id, Instant now) {
    replace(id, a -> new Account(a.id(), a.email(), a.name(), a.role(), a.passwordHash(), true));
  }

  private void replace(CustomerId id, java.util.function.UnaryOperator<Account> change) {
    accounts.replaceAll(a -> a.id().equals(id) ? change.apply(a) : a);
  }

  public List<Account> all() {
    return List.copyOf(accounts);
  }
}
