package com.securecart.testing;

import com.securecart.shared.Transactions;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the work directly, like {@link InMemoryTransactions}, but an outermost transaction that
 * throws puts every enlisted store back as it was when it began, as a database rolls back. Nested
 * calls join the outer one. Single-threaded: it models atomicity, not isolation between concurrent
 * transactions, so it cannot show what locks or conditional updates do under contention.
 */
public final class RollbackTransactions implements Transactions {
  private final List<Snapshottable> stores;
  private List<Runnable> restores = List.of();
  private int depth;
  private int started;
  private int rolledBack;

  public RollbackTransactions(Snapshottable... stores) {
    this.stores = List.of(stores);
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (depth == 0) {
      started++;
      restores = stores.stream().map(Snapshottable::snapshot).toList();
    }
    depth++;
    try {
      return work.get();
    } catch (RuntimeException e) {
      if (depth == 1) {
        rolledBack++;
        restores.forEach(Runnable::run);
      }
      throw e;
    } finally {
      depth--;
    }
  }

  /** How many outermost transactions were rolled back. */
  public int rolledBack() {
    return rolledBack;
  }

  /** How many outermost transactions were started. */
  public int started() {
    return started;
  }
}
