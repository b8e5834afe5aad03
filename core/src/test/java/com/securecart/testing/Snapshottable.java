package com.securecart.testing;

/**
 * An in-memory store that can be put back as it was, so that {@link RollbackTransactions} can undo
 * a transaction that threw, as a database would.
 */
public interface Snapshottable {
  /** Copies the current state; the returned action restores it. */
  Runnable snapshot();
}
