package com.securecart.testing;

import com.securecart.shared.Transactions;
import java.util.function.Supplier;

/**
 * Runs the work directly; nested calls join the outer one. Only writes of fakes that register an
 * undo ({@link #onRollback}) are rolled back. Tells whether work is running inside a transaction
 * and how many outermost transactions were started, so tests can check what ran together.
 */
public final class InMemoryTransactions implements Transactions {
  private int depth;
  private int started;
  private int rolledBack;
  private final java.util.ArrayDeque<Runnable> undo = new java.util.ArrayDeque<>();

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
        while (!undo.isEmpty()) {
          undo.pop().run();
        }
      }
      throw e;
    } finally {
      depth--;
      if (depth == 0) {
        undo.clear();
      }
    }
  }

  /**
   * Inside a transaction: how to undo one of its writes should it fail (the newest undone first).
   * Fakes that register undos behave as SQL does; the rest keep their writes.
   */
  public void onRollback(Runnable undoWrite) {
    if (depth > 0) {
      undo.push(undoWrite);
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
