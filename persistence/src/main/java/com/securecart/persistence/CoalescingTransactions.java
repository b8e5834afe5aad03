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
  private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

  public CoalescingTransactions(JdbiTransactions transactions, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    this.transactions = transactions;
    this.maxBatch = maxBatch;
  }

  @Override
  public <T> T inTransaction(String key, Supplier<T> work) {
    if (key == null || transactions.active()) {
      return transactions.inTransaction(work);
    }
    Unit<T> unit = new Unit<>(work);
    Lane lane = lanes.computeIfAbsent(key, k -> new Lane(k));
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
   * How many units wait for (or are in) the next transaction of {@code key}; for metrics and tests.
   */
  public int waiting(String key) {
    Lane lane = lanes.get(key);
    if (lane == null) {
      return 0;
    }
    lane.lock.lock();
    try {
      return lane.waiting.size();
    } finally {
      lane.lock.unlock();
    }
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
    run(batch);
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

  private void run(List<Unit<?>> batch) {
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
      for (Unit<?> unit : batch) {
        unit.failWith(e);
      }
    }
  }

  private static final class Lane {
    final String key;
    final ReentrantLock lock = new ReentrantLock();
    final ArrayDeque<Unit<?>> waiting = new ArrayDeque<>();
    boolean leading;

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
      try {
        result = transactions.inSavepoint(savepoint, work);
      } catch (RuntimeException e) {
        error = e;
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
        throw e;
      }
      if (error instanceof Error e) {
        throw e;
      }
      return result;
    }
  }
}
