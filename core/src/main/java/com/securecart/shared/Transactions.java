package com.securecart.shared;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction. Nested calls join the outer transaction, so that a facade
 * can compose other facades' writes atomically (checkout: stock, order, event and idempotent
 * response in one commit).
 */
public interface Transactions {

  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
