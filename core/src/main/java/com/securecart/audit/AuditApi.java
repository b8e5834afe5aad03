package com.securecart.audit;

import com.securecart.shared.Page;
import com.securecart.shared.Transactions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The audit context's public face: staff changes record themselves here, and staff read them back.
 */
public final class AuditApi {
  /** The most entries one export carries; narrow the filter for more. */
  public static final int MAX_EXPORT = 10_000;

  private final AuditRepository repository;
  private final Transactions transactions;
  private final Clock clock;

  public AuditApi(AuditRepository repository, Transactions transactions, Clock clock) {
    this.repository = repository;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * What a change did, for its entry: the change's result and the fields it changed.
   *
   * @param result what the change returns to its caller
   */
  public record Change<T>(
      T result,
      String action,
      String targetType,
      String targetId,
      Map<String, String> before,
      Map<String, String> after) {
    /**
     * A change described by the whole state before and after: only the fields that differ are kept,
     * so that an entry says what changed.
     */
    public static <T> Change<T> diff(
        T result,
        String action,
        String targetType,
        String targetId,
        Map<String, String> before,
        Map<String, String> after) {
      Map<String, String> was = new java.util.TreeMap<>();
      Map<String, String> is = new java.util.TreeMap<>();
      java.util.Set<String> keys = new java.util.TreeSet<>(before.keySet());
      keys.addAll(after.keySet());
      for (String key : keys) {
        if (!java.util.Objects.equals(before.get(key), after.get(key))) {
          if (before.containsKey(key)) {
            was.put(key, before.get(key));
          }
          if (after.containsKey(key)) {
            is.put(key, after.get(key));
          }
        }
      }
      return new Change<>(result, action, targetType, targetId, was, is);
    }
  }

  /**
   * Runs a staff change and records it in one transaction: the facades it calls join that
   * transaction, so the change and its entry commit together or not at all. Read the "before" state
   * inside {@code change}, so that it is the state the change replaced.
   */
  public <T> T record(Actor actor, Supplier<Change<T>> change) {
    return transactions.inTransaction(
        () -> {
          Change<T> done = change.get();
          repository.append(
              new AuditEntry(
                  0,
                  clock.instant(),
                  actor,
                  done.action(),
                  done.targetType(),
                  done.targetId(),
                  done.before(),
                  done.after()));
          return done.result();
        });
  }

  /**
   * Records a change that was made elsewhere, in the caller's transaction if there is one: for a
   * change whose own transaction this facade cannot join (one that runs in a job's own steps).
   */
  public void record(
      Actor actor,
      String action,
      String targetType,
      String targetId,
      Map<String, String> before,
      Map<String, String> after) {
    repository.append(
        new AuditEntry(0, clock.instant(), actor, action, targetType, targetId, before, after));
  }

  public Page<AuditEntry> find(AuditQuery query) {
    List<AuditEntry> items = repository.find(query, query.page().offset(), query.page().size());
    return new Page<>(items, query.page().page(), query.page().size(), repository.count(query));
  }

  /** Up to {@link #MAX_EXPORT} entries matching the query (its page ignored), newest first. */
  public List<AuditEntry> export(AuditQuery query) {
    return repository.find(query, 0, MAX_EXPORT);
  }

  /**
   * Remembers that an admin signed in from {@code clientAddress}; true when the account had never
   * signed in from there before (the first sign-in from anywhere counts as new).
   */
  public boolean staffSignedInFrom(long accountId, String clientAddress) {
    return repository.rememberAddress(accountId, clientAddress, clock.instant());
  }
}
