package com.securecart.testing;

import com.securecart.identity.ActiveSession;
import com.securecart.identity.SessionRepository;
import com.securecart.shared.CustomerId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Sessions keyed by token hash; valid while {@code now} is before the expiry, as in SQL. */
public final class InMemorySessionRepository implements SessionRepository {
  private record Row(
      CustomerId customer, Instant expiresAt, Instant lastSeenAt, Instant steppedUpAt) {}

  private final InMemoryAccountRepository accounts;
  private final Map<String, Row> rows = new HashMap<>();

  public InMemorySessionRepository(InMemoryAccountRepository accounts) {
    this.accounts = accounts;
  }

  @Override
  public void insert(String tokenHash, CustomerId customer, Instant now, Instant expiresAt) {
    if (rows.putIfAbsent(tokenHash, new Row(customer, expiresAt, now, null)) != null) {
      throw new IllegalStateException("duplicate session");
    }
  }

  @Override
  public Optional<ActiveSession> findActive(String tokenHash, Instant now) {
    Row row = rows.get(tokenHash);
    if (row == null || !row.expiresAt().isAfter(now)) {
      return Optional.empty();
    }
    return accounts
        .findById(row.customer())
        .map(a -> new ActiveSession(a.principal(), row.lastSeenAt(), row.steppedUpAt()));
  }

  @Override
  public void touch(String tokenHash, Instant now) {
    rows.computeIfPresent(
        tokenHash, (k, r) -> new Row(r.customer(), r.expiresAt(), now, r.steppedUpAt()));
  }

  @Override
  public void markSteppedUp(String tokenHash, Instant now) {
    rows.computeIfPresent(
        tokenHash, (k, r) -> new Row(r.customer(), r.expiresAt(), r.lastSeenAt(), now));
  }

  @Override
  public void delete(String tokenHash) {
    rows.remove(tokenHash);
  }

  @Override
  public int deleteForAccount(CustomerId customer) {
    int before = rows.size();
    rows.values().removeIf(row -> row.customer().equals(customer));
    return before - rows.size();
  }

  @Override
  public int deleteExpired(Instant now) {
    int before = rows.size();
    rows.values().removeIf(row -> !row.expiresAt().isAfter(now));
    return before - rows.size();
  }

  public Set<String> tokenHashes() {
    return Set.copyOf(rows.keySet());
  }

  @Override
  public void deleteAllFor(CustomerId customer) {
    rows.values().removeIf(row -> row.customer().equals(customer));
  }

  @Override
  public void deleteAllExceptFor(CustomerId customer, String tokenHash) {
    rows.entrySet()
        .removeIf(e -> e.getValue().customer().equals(customer) && !e.getKey().equals(tokenHash));
  }
}
