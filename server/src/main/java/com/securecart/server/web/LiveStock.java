package com.securecart.server.web;

import com.securecart.changes.Change;
import com.securecart.changes.ChangeTail;
import com.securecart.inventory.InventoryApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Stock changes for open product pages (ADR 0009). One poller per instance tails the change log,
 * which every instance's writes go to, and hands the new availability of the SKUs someone is
 * watching to their subscriptions: a change made through any instance reaches every page within a
 * poll interval, and the database sees one small query per interval however many pages are open.
 */
public final class LiveStock implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LiveStock.class.getName());
  private static final int BATCH = 5_000;

  private final ChangeTail tail;
  private final InventoryApi inventory;
  private final Duration interval;
  private final Map<String, Set<Subscription>> bySku = new ConcurrentHashMap<>();
  private volatile boolean running;
  private Thread thread;

  /** One page's interest in one SKU; the latest availability wins, earlier ones are skipped. */
  public final class Subscription implements AutoCloseable {
    private final String sku;
    private final Semaphore signal = new Semaphore(0);
    private volatile int latest = -1;

    private Subscription(String sku) {
      this.sku = sku;
    }

    /** The newest availability if it changed within {@code max}; empty otherwise. */
    public OptionalInt await(Duration max) throws InterruptedException {
      if (!signal.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS)) {
        return OptionalInt.empty();
      }
      signal.drainPermits();
      int value = latest;
      return value < 0 || !running ? OptionalInt.empty() : OptionalInt.of(value);
    }

    void offer(int available) {
      latest = available;
      if (signal.availablePermits() == 0) {
        signal.release();
      }
    }

    void wake() {
      signal.release();
    }

    @Override
    public void close() {
      bySku.computeIfPresent(
          sku,
          (k, subs) -> {
            subs.remove(this);
            return subs.isEmpty() ? null : subs;
          });
    }
  }

  public LiveStock(ChangeTail tail, InventoryApi inventory, Duration interval) {
    this.tail = tail;
    this.inventory = inventory;
    this.interval = interval;
  }

  public Subscription subscribe(String sku) {
    Subscription subscription = new Subscription(sku);
    bySku.compute(
        sku,
        (k, subs) -> {
          Set<Subscription> set = subs == null ? ConcurrentHashMap.newKeySet() : subs;
          set.add(subscription);
          return set;
        });
    return subscription;
  }

  public boolean running() {
    return running;
  }

  public synchronized void start() {
    tail.startAtHead();
    running = true;
    thread = Thread.ofVirtual().name("live-stock").start(this::loop);
  }

  private void loop() {
    while (running) {
      try {
        if (pollOnce() < BATCH) {
          Thread.sleep(interval);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING, "live stock poll failed: " + e.getClass().getSimpleName());
        try {
          Thread.sleep(interval.multipliedBy(10));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Reads the changes since the last poll and notifies watchers; returns how many were read. */
  int pollOnce() {
    List<Change> changes = tail.next(BATCH);
    if (changes.isEmpty() || bySku.isEmpty()) {
      return changes.size();
    }
    Set<String> watched =
        changes.stream()
            .filter(c -> c.kind() == Change.Kind.STOCK && bySku.containsKey(c.ref()))
            .map(Change::ref)
            .collect(Collectors.toSet());
    if (!watched.isEmpty()) {
      Map<String, Integer> available = inventory.available(watched);
      for (String sku : watched) {
        int value = available.getOrDefault(sku, 0);
        bySku.getOrDefault(sku, Set.of()).forEach(s -> s.offer(value));
      }
    }
    return changes.size();
  }

  @Override
  public synchronized void close() {
    running = false;
    bySku.values().forEach(subs -> subs.forEach(Subscription::wake));
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
