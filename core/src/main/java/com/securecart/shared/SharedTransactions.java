package com.securecart.shared;

import java.util.function.Supplier;

/**
 * Runs a unit of work in a transaction that concurrent units with the same key may share, so that
 * buyers of one hot SKU pay for one row lock and one commit per group instead of one each (see
 * docs/adr/0012). Each unit behaves as if it had its own transaction: its writes commit, and it
 * returns, only once the shared transaction committed; an exception it throws undoes its own writes
 * and reaches only its own caller.
 */
public interface SharedTransactions {

  /**
   * Runs {@code work} in a transaction shared with concurrent callers of the same key. The key is
   * asked for only where transactions are shared (it may cost a read); a null key runs the work in
   * a transaction of its own.
   */
  <T> T inTransaction(Supplier<String> key, Supplier<T> work);

  /** One transaction per unit, whatever the key: the direct, row-lock-per-buyer way. */
  static SharedTransactions direct(Transactions transactions) {
    return new SharedTransactions() {
      @Override
      public <T> T inTransaction(Supplier<String> key, Supplier<T> work) {
        return transactions.inTransaction(work);
      }
    };
  }
}
