package com.securecart.identity;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Failed sign-in counts in a map, with the SQL repository's rules. */
final class InMemoryLoginFailures implements LoginFailureRepository {
  private record Row(int failures, Instant last, Instant lockedUntil) {}

  private final Map<String, Row> rows = new HashMap<>();

  @Override
  public Optional<Instant> lockedUntil(String key) {
    return Optional.ofNullable(rows.get(key)).map(Row::lockedUntil);
  }

  @Override
  public int recordFailure(String key, Instant now, Instant forgetBefore) {
    Row row = rows.get(key);
    int count = row == null || row.last().isBefore(forgetBefore) ? 1 : row.failures() + 1;
    rows.put(key, new Row(count, now, row == null ? null : row.lockedUntil()));
    return count;
  }

  @Override
  public void lock(String key, Instant until) {
    Row row = rows.get(key);
    rows.put(key, new Row(row.failures(), row.last(), until));
  }

  @Override
  public int deleteQuiet(Instant quietSince, Instant now) {
    int before = rows.size();
    rows.values()
        .removeIf(
            r ->
                r.last().isBefore(quietSince)
                    && (r.lockedUntil() == null || !r.lockedUntil().isAfter(now)));
    return before - rows.size();
  }

  @Override
  public void clear(String key) {
    rows.remove(key);
  }
}
