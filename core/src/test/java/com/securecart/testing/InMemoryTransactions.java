package com.securecart.testing;

import com.securecart.shared.Transactions;
import java.util.function.Supplier;

/**
 * Runs the work directly; nested calls join the outer one. Nothing is rolled back. Tells whether
 * work is running inside a transaction and how many outermost transactions were started, so tests
 * can check what ran together.
 */
public final class InMemoryTransactions implements Transactions {
  private int depth;
  private int started;
  private int rolledBack;

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (depth == 0) {
      started++;
    }
    depth++;
    try {
      return work.get();
    } catch (RuntimeException e) {
      if (depth == 1) {
        rolledBack++;
      }
      throw e;
    } finally {
      depth--;
    }
  }

  /** How many outermost transactions ended by throwing (a real one would have rolled back). */
  public int rolledBack() {
    return rolledBack;
  }

  /** True while work runs inside {@link #inTransaction}. */
  public boolean active() {
    return depth > 0;
  }

  /** How many outermost transactions were started. */
  public int started() {
    return started;
  }
}
