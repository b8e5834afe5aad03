package com.securecart.persistence;

import com.securecart.shared.StoreUnavailableException;
import com.securecart.shared.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * Transactions bound to the current thread: a nested {@link #inTransaction} joins the outer one,
 * and repositories use the current transaction's handle when there is one, or a short-lived handle
 * otherwise. Requests run on their own virtual threads, so a thread-bound handle is a request-bound
 * handle.
 */
public final class JdbiTransactions implements Transactions {
  /**
   * How many times in all a piece of work runs while it keeps losing conflicts with concurrent
   * transactions (docs/adr/0014): the one bound on database retries.
   */
  static final int CONFLICT_ATTEMPTS = 3;

  private final Jdbi jdbi;
  private final boolean postgres;
  private final ThreadLocal<Handle> current = new ThreadLocal<>();
  private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();
  private final ThreadLocal<Deferred> deferred = new ThreadLocal<>();
  private final ThreadLocal<java.util.SortedMap<String, int[]>> stockMoves = new ThreadLocal<>();
  private final ThreadLocal<InsertsAtCommit> insertsAtCommit = new ThreadLocal<>();

  /**
   * Writes that an optimistic coalesced batch ({@link CoalescingTransactions}) makes once, for all
   * its units, at its end: stock to reserve per SKU (sorted, so that batches lock rows in one
   * order) and the change-log entries, each once.
   */
  static final class Deferred {
    final java.util.SortedMap<String, Integer> stock = new java.util.TreeMap<>();
    final java.util.Set<java.util.Map.Entry<String, String>> changes =
        new java.util.LinkedHashSet<>();
    final List<JdbiInventoryRepository.NewReservation> reservations = new ArrayList<>();
  }

  JdbiTransactions(Jdbi jdbi, boolean postgres) {
    this.jdbi = jdbi;
    this.postgres = postgres;
  }

  /** Whether the database is PostgreSQL (else H2), for the few statements that differ. */
  boolean postgres() {
    return postgres;
  }

  /**
   * The one place that retries a database conflict (docs/adr/0014): runs {@code attempt}, and runs
   * it again, {@link #CONFLICT_ATTEMPTS} times in all, while it fails with an error that {@code
   * lost} says a new attempt may win (a deadlock or serialization failure, say). Inside a
   * transaction each attempt runs under a savepoint, so that a lost one is undone alone and the
   * transaction stays usable (PostgreSQL aborts a transaction on a failed statement); outside one,
   * {@code attempt} must be a whole transaction (or a single statement). The last error is thrown
   * as it is: 500 to a request, a step failure to the pipeline, neither of which retries it again
   * here.
   */
  <T> T retryingConflicts(Predicate<Throwable> lost, Supplier<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return active() ? inSavepoint("sp_conflict", attempt) : attempt.get();
      } catch (RuntimeException e) {
        if (n >= CONFLICT_ATTEMPTS || !lost.test(e)) {
          throw e;
        }
      }
    }
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    List<Runnable> callbacks = new ArrayList<>();
    afterCommit.set(callbacks);
    T result;
    try {
      result =
          jdbi.inTransaction(
              handle -> {
                current.set(handle);
                try {
                  return work.get();
                } finally {
                  current.remove();
                }
              });
    } catch (RuntimeException e) {
      throw unavailableOr(e);
    } finally {
      afterCommit.remove();
    }
    callbacks.forEach(Runnable::run);
    return result;
  }

  /**
   * These transactions, except that the stock a transaction moves (commits, releases, returns) is
   * summed per SKU and written at its end, one UPDATE per SKU in SKU order, and the outbox events
   * and order history it appends are inserted there too, one multi-row INSERT per table ({@link
   * InsertsAtCommit}). For the order pipeline (issue 18): a batch of steps then updates a popular
   * SKU's row once instead of once per order, holds it only for the commit, and locks stock rows in
   * the order every checkout does, so two batches, or a batch and a checkout, cannot deadlock on
   * them; and its appends cost two statements, not two per event. Nested calls join the outer
   * transaction, whose own kind decides.
   */
  public com.securecart.shared.Transactions writingAtCommit() {
    return new com.securecart.shared.Transactions() {
      @Override
      public <T> T inTransaction(Supplier<T> work) {
        if (active()) {
          return JdbiTransactions.this.inTransaction(work);
        }
        return JdbiTransactions.this.inTransaction(
            () -> {
              java.util.SortedMap<String, int[]> moves = new java.util.TreeMap<>();
              InsertsAtCommit inserts = new InsertsAtCommit();
              stockMoves.set(moves);
              insertsAtCommit.set(inserts);
              T result;
              try {
                result = work.get();
              } finally {
                stockMoves.remove();
                insertsAtCommit.remove();
              }
              // The inserts first: the stock rows, which checkouts wait for, are held the least.
              useHandle(inserts::write);
              JdbiInventoryRepository.applyMoves(JdbiTransactions.this, moves);
              return result;
            });
      }
    };
  }

  /** Rows to insert at the transaction's end, or null when inserted at once. */
  InsertsAtCommit insertsAtCommit() {
    return insertsAtCommit.get();
  }

  /** Stock moves summed per SKU until the transaction's end, or null when written at once. */
  java.util.SortedMap<String, int[]> stockMoves() {
    return stockMoves.get();
  }

  /** The current batch's deferred writes, or null when writes go to the database at once. */
  Deferred deferred() {
    return deferred.get();
  }

  /** Runs {@code work} with writes deferred into {@code writes}; call inside a transaction. */
  void deferring(Deferred writes, Runnable work) {
    deferred.set(writes);
    try {
      work.run();
    } finally {
      deferred.remove();
    }
  }

  /** True while this thread runs inside {@link #inTransaction}. */
  boolean active() {
    return current.get() != null;
  }

  /**
   * Runs {@code work} inside the current transaction under a savepoint: if it throws, its writes
   * alone are undone and the transaction goes on (on PostgreSQL a failed statement would otherwise
   * abort the whole transaction).
   */
  <T> T inSavepoint(String name, Supplier<T> work) {
    Handle handle = current.get();
    if (handle == null) {
      throw new IllegalStateException("a savepoint needs a transaction");
    }
    // What the transaction holds back for its end is undone with the savepoint too.
    InsertsAtCommit inserts = insertsAtCommit.get();
    Map<String, Integer> insertsMark = inserts == null ? null : inserts.mark();
    java.util.SortedMap<String, int[]> moves = stockMoves.get();
    java.util.SortedMap<String, int[]> movesMark = moves == null ? null : copy(moves);
    handle.savepoint(name);
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      handle.rollbackToSavepoint(name);
      if (inserts != null) {
        inserts.reset(insertsMark);
      }
      if (moves != null) {
        moves.clear();
        moves.putAll(movesMark);
      }
      throw e;
    }
    handle.releaseSavepoint(name);
    return result;
  }

  private static java.util.SortedMap<String, int[]> copy(java.util.SortedMap<String, int[]> moves) {
    java.util.SortedMap<String, int[]> copy = new java.util.TreeMap<>();
    moves.forEach((sku, total) -> copy.put(sku, total.clone()));
    return copy;
  }

  /**
   * Runs {@code callback} once the current transaction commits, or at once outside a transaction.
   */
  void afterCommit(Runnable callback) {
    List<Runnable> callbacks = afterCommit.get();
    if (callbacks == null) {
      callback.run();
    } else {
      callbacks.add(callback);
    }
  }

  <T> T withHandle(HandleCallback<T, RuntimeException> callback) {
    Handle handle = current.get();
    if (handle != null) {
      return callback.withHandle(handle);
    }
    try {
      return jdbi.withHandle(callback);
    } catch (RuntimeException e) {
      throw unavailableOr(e);
    }
  }

  /** The database's being out of reach as the core's own signal; any other error unchanged. */
  static RuntimeException unavailableOr(RuntimeException e) {
    return Sql.isUnavailable(e) && !(e instanceof StoreUnavailableException)
        ? new StoreUnavailableException(e)
        : e;
  }

  /**
   * An INSERT for which any duplicate key means "already there": false then, and nothing written.
   * On PostgreSQL one statement ({@code ON CONFLICT DO NOTHING}), with no savepoint, which in a
   * pipeline batch's transaction would be a subtransaction per order (issue 18); elsewhere {@link
   * #insertUnlessDuplicate}. A concurrent insert of the same key waits for the other transaction
   * either way, and finds it there if that one commits.
   */
  boolean insertIfAbsent(String insert, java.util.function.UnaryOperator<Update> bind) {
    if (postgres) {
      return withHandle(
              h -> bind.apply(h.createUpdate(insert + " ON CONFLICT DO NOTHING")).execute())
          == 1;
    }
    return insertUnlessDuplicate(h -> bind.apply(h.createUpdate(insert)).execute());
  }

  /**
   * Runs an insert that may hit a unique key, and answers whether it inserted. Inside a transaction
   * it uses a savepoint, because on PostgreSQL a failed statement would otherwise abort the whole
   * transaction.
   */
  boolean insertUnlessDuplicate(java.util.function.Consumer<Handle> insert) {
    Handle handle = current.get();
    if (handle == null) {
      try {
        jdbi.useHandle(insert::accept);
        return true;
      } catch (UnableToExecuteStatementException e) {
        if (Sql.isDuplicateKey(e)) {
          return false;
        }
        throw unavailableOr(e);
      } catch (RuntimeException e) {
        throw unavailableOr(e);
      }
    }
    String savepoint = "sp_insert";
    handle.savepoint(savepoint);
    try {
      insert.accept(handle);
      handle.releaseSavepoint(savepoint);
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isDuplicateKey(e)) {
        handle.rollbackToSavepoint(savepoint);
        return false;
      }
      throw e;
    }
  }

  void useHandle(java.util.function.Consumer<Handle> callback) {
    withHandle(
        h -> {
          callback.accept(h);
          return null;
        });
  }
}
