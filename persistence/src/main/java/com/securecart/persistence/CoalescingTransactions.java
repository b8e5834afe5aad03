package com.securecart.persistence;

import com.securecart.shared.SharedTransactions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Groups concurrent units of work with the same key into one transaction, each unit under its own
 * savepoint (docs/adr/0012). Leader/follower: the first caller of an idle key leads; callers that
 * arrive while its transaction runs wait, and when it has committed the leader hands the lead to
 * the first of them, who takes up to {@code maxBatch} waiting units into the next transaction. No
 * thread pool and no timer: batches are as large as the load makes them, the work runs on the
 * callers' own (virtual) threads, and waiting is a park on a plain flag (no monitors), so a waiting
 * virtual thread is woken by another virtual thread.
 */
public final class CoalescingTransactions implements SharedTransactions {
  private final JdbiTransactions transactions;
  private final int maxBatch;
  private final int lanesPerKey;
  private final java.util.concurrent.atomic.AtomicInteger arrivals =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final int CAREFUL_BATCHES = 32;
  private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

  /** One lane per key: one batch of a key at a time. */
  public CoalescingTransactions(JdbiTransactions transactions, int maxBatch) {
    this(transactions, maxBatch, 1);
  }

  /**
   * {@code lanesPerKey} batches of one key may run at once, on as many connections: their units'
   * work overlaps, and as an optimistic batch takes the hot row only at its end, they queue on it
   * only for the UPDATE and the commit.
   */
  public CoalescingTransactions(JdbiTransactions transactions, int maxBatch, int lanesPerKey) {
    if (maxBatch < 1 || lanesPerKey < 1) {
      throw new IllegalArgumentException("maxBatch and lanesPerKey must be at least 1");
    }
    this.transactions = transactions;
    this.maxBatch = maxBatch;
    this.lanesPerKey = lanesPerKey;
  }

  @Override
  public <T> T inTransaction(Supplier<String> keys, Supplier<T> work) {
    if (transactions.active()) {
      return transactions.inTransaction(work);
    }
    // Batches of one key on several lanes hold rows across their units, in different orders, so
    // PostgreSQL may end a deadlock by failing a unit of one of them. Its savepoint rolled it back
    // (as its whole batch, when a commit fails): the transaction layer's one bounded retry submits
    // it again, to a later batch.
    return transactions.retryingConflicts(Sql::isLockConflict, () -> alone(keys, work));
  }

  /**
   * Reads the key in a transaction and, when nothing else of that key is running or waiting, runs
   * the unit in that same transaction as a batch of one: an uncontended checkout (nearly all of
   * them, outside a flash sale) costs one transaction, key read included (issue 18). Otherwise the
   * read-only transaction ends and the unit queues for a shared one. Units that arrive while it
   * runs queue behind it, and it hands them the lead once it has committed or rolled back.
   */
  private <T> T alone(Supplier<String> keys, Supplier<T> work) {
    Alone alone = new Alone();
    try {
      T result =
          transactions.inTransaction(
              () -> {
                String key = keys.get();
                if (key == null) {
                  return work.get();
                }
                Lane lane = leadIfIdle(laneKey(key));
                if (lane == null) {
                  alone.queueFor = key;
                  return null;
                }
                alone.led = lane;
                return work.get();
              });
      if (alone.queueFor != null) {
        return submit(alone.queueFor, work);
      }
      return result;
    } finally {
      if (alone.led != null) {
        handOver(alone.led, List.of());
      }
    }
  }

  /** What {@link #alone} found: the lane it led, or the key it must queue under. */
  private static final class Alone {
    Lane led;
    String queueFor;
  }

  private String laneKey(String key) {
    return lanesPerKey == 1
        ? key
        : key + "#" + Math.floorMod(arrivals.getAndIncrement(), lanesPerKey);
  }

  /** The lane, now led by the caller, if no one led it and no one waited in it; else null. */
  private Lane leadIfIdle(String laneKey) {
    Lane lane = lanes.computeIfAbsent(laneKey, k -> new Lane(k));
    lane.lock.lock();
    try {
      if (lane.leading || !lane.waiting.isEmpty()) {
        return null;
      }
      lane.leading = true;
      return lane;
    } finally {
      lane.lock.unlock();
    }
  }

  private <T> T submit(String key, Supplier<T> work) {
    Unit<T> unit = new Unit<>(work);
    Lane lane = lanes.computeIfAbsent(laneKey(key), k -> new Lane(k));
    boolean lead;
    lane.lock.lock();
    try {
      lane.waiting.addLast(unit);
      lead = !lane.leading;
      lane.leading = true;
    } finally {
      lane.lock.unlock();
    }
    if (lead || unit.awaitTurn() == Unit.LEAD) {
      lead(lane);
    }
    return unit.outcome();
  }

  /**
   * How many units of {@code key} wait for a next transaction, over all its lanes; for metrics and
   * tests.
   */
  public int waiting(String key) {
    int waiting = 0;
    for (Lane lane : lanes.values()) {
      if (lane.key.equals(key) || lane.key.startsWith(key + "#")) {
        lane.lock.lock();
        try {
          waiting += lane.waiting.size();
        } finally {
          lane.lock.unlock();
        }
      }
    }
    return waiting;
  }

  /**
   * Runs batches from the head of the lane's queue (which holds the leader) and passes the lead.
   */
  private void lead(Lane lane) {
    List<Unit<?>> batch = new ArrayList<>();
    lane.lock.lock();
    try {
      while (batch.size() < maxBatch && !lane.waiting.isEmpty()) {
        batch.add(lane.waiting.pollFirst());
      }
    } finally {
      lane.lock.unlock();
    }
    run(lane, batch);
    handOver(lane, batch);
  }

  /**
   * After the lane's transaction ended: passes the lead to the first unit waiting, or leaves the
   * lane idle, and tells the other units of {@code batch} they are done.
   */
  private void handOver(Lane lane, List<Unit<?>> batch) {
    Unit<?> next;
    lane.lock.lock();
    try {
      next = lane.waiting.peekFirst();
      if (next == null) {
        lane.leading = false;
        // An idle lane leaves the map; a caller still holding it simply leads it again.
        lanes.remove(lane.key, lane);
      }
    } finally {
      lane.lock.unlock();
    }
    Thread self = Thread.currentThread();
    for (Unit<?> unit : batch) {
      if (unit.thread != self) {
        unit.signal(Unit.DONE);
      }
    }
    if (next != null) {
      next.signal(Unit.LEAD);
    }
  }

  /**
   * Runs a batch optimistically first: every unit in one transaction without savepoints (two
   * statements fewer per unit, and no subtransactions, which PostgreSQL tracks cheaply only up to
   * 64 per transaction), their stock reserved with one conditional UPDATE per SKU for the batch's
   * total at the end, their reservation rows inserted together after it in one round trip and their
   * change-log entries written once. If any unit fails, or the total does not fit, that transaction
   * is rolled back whole and the batch runs again with a savepoint per unit, so that only the
   * failing units fail; the lane then stays careful for a while, as units that fail once (a
   * sold-out SKU) tend to fail again. A unit may therefore run twice in a batch (and again in a
   * later one after losing a deadlock, see {@link #inTransaction}), which is safe because all its
   * effects are in the transaction, rolled back with it or with its savepoint.
   */
  private void run(Lane lane, List<Unit<?>> batch) {
    if (lane.careful == 0) {
      try {
        transactions.inTransaction(
            () -> {
              JdbiTransactions.Deferred writes = new JdbiTransactions.Deferred();
              transactions.deferring(writes, () -> batch.forEach(Unit::runOptimistically));
              // One conditional UPDATE per SKU for the whole batch, just before the commit, so
              // the hot row stays locked only that long.
              try {
                if (!JdbiInventoryRepository.reserveTotals(transactions, writes.stock)) {
                  throw new UnitFailed();
                }
              } catch (UnitFailed e) {
                throw e;
              } catch (RuntimeException e) {
                // A deadlock with another batch, say: the careful run sorts it out unit by unit.
                throw new UnitFailed();
              }
              JdbiInventoryRepository.insertAll(transactions, writes.reservations);
              JdbiChangeLog.appendAll(transactions, writes.changes);
              return null;
            });
        return;
      } catch (UnitFailed e) {
        lane.careful = CAREFUL_BATCHES;
      } catch (RuntimeException | Error e) {
        // The commit (or the connection) failed: nothing of this batch committed.
        batch.forEach(unit -> unit.failWith(e));
        return;
      }
    } else {
      lane.careful--;
    }
    try {
      transactions.inTransaction(
          () -> {
            for (int i = 0; i < batch.size(); i++) {
              batch.get(i).runIn(transactions, "coalesced_" + i);
            }
            return null;
          });
    } catch (RuntimeException | Error e) {
      // Nothing of this batch committed: units that had not failed on their own fail with it.
      batch.forEach(unit -> unit.failWith(e));
    }
  }

  /** A unit failed in an optimistic batch, which is therefore run again unit by unit. */
  private static final class UnitFailed extends RuntimeException {
    UnitFailed() {
      super(null, null, false, false);
    }
  }

  private static final class Lane {
    final String key;
    final ReentrantLock lock = new ReentrantLock();
    final ArrayDeque<Unit<?>> waiting = new ArrayDeque<>();
    boolean leading;
    // Batches still to run with a savepoint per unit; only the current leader reads and writes it,
    // and the lead passes under the lane's lock, which orders those accesses.
    int careful;

    Lane(String key) {
      this.key = key;
    }
  }

  private static final class Unit<T> {
    static final int WAITING = 0;
    static final int LEAD = 1;
    static final int DONE = 2;

    final Supplier<T> work;
    final Thread thread = Thread.currentThread();
    volatile int state = WAITING;
    private T result;
    private Throwable error;

    Unit(Supplier<T> work) {
      this.work = work;
    }

    void runIn(JdbiTransactions transactions, String savepoint) {
      result = null;
      error = null;
      try {
        result = transactions.inSavepoint(savepoint, work);
      } catch (RuntimeException e) {
        error = e;
      }
    }

    void runOptimistically() {
      try {
        result = work.get();
      } catch (RuntimeException e) {
        throw new UnitFailed();
      }
    }

    void failWith(Throwable e) {
      if (error == null) {
        error = e;
        result = null;
      }
    }

    /** Parks until this unit is done or has to lead; answers which. */
    int awaitTurn() {
      boolean interrupted = false;
      while (state == WAITING) {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          interrupted = true;
        }
      }
      if (interrupted) {
        thread.interrupt();
      }
      return state;
    }

    void signal(int newState) {
      state = newState;
      LockSupport.unpark(thread);
    }

    T outcome() {
      if (error instanceof RuntimeException e) {
        // A unit's own failure was caught in its batch, outside JdbiTransactions' own check: the
        // database going away (a restart mid-batch) must still read as unavailable (503), not 500.
        throw JdbiTransactions.unavailableOr(e);
      }
      if (error instanceof Error e) {
        throw e;
      }
      return result;
    }
  }
}
