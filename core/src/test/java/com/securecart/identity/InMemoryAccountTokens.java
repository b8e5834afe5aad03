package com.securecart.identity;

import com.securecart.shared.CustomerId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Account tokens in a map, with the SQL repository's rules. */
final class InMemoryAccountTokens implements AccountTokenRepository {
  private record Row(CustomerId account, TokenPurpose purpose, Instant expiresAt) {}

  private final Map<String, Row> rows = new HashMap<>();

  @Override
  public void replace(
      CustomerId account, TokenPurpose purpose, String tokenHash, Instant now, Instant expiresAt) {
    rows.values().removeIf(r -> r.account().equals(account) && r.purpose() == purpose);
    rows.put(tokenHash, new Row(account, purpose, expiresAt));
  }

  @Override
  public Optional<CustomerId> find(TokenPurpose purpose, String tokenHash, Instant now) {
    Row row = rows.get(tokenHash);
    return row != null && row.purpose() == purpose && row.expiresAt().isAfter(now)
        ? Optional.of(row.account())
        : Optional.empty();
  }

  @Override
  public Optional<CustomerId> consume(TokenPurpose purpose, String tokenHash, Instant now) {
    Row row = rows.remove(tokenHash);
    return row != null && row.purpose() == purpose && row.expiresAt().isAfter(now)
        ? Optional.of(row.account())
        : Optional.empty();
  }

  @Override
  public int deleteExpired(Instant now) {
    int before = rows.size();
    rows.values().removeIf(r -> !r.expiresAt().isAfter(now));
    return before - rows.size();
  }

  @Override
  public void deleteAllFor(CustomerId account) {
    rows.values().removeIf(r -> r.account().equals(account));
  }
}
