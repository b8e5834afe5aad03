package com.securecart.server.workers;

import com.securecart.search.SearchIndexer;
import java.time.Duration;

/**
 * Tails the change log into this instance's search index, every few hundred milliseconds, so that a
 * change made through any instance shows in every instance's search within a second.
 */
public final class SearchFeed implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SearchFeed.class.getName());

  private final SearchIndexer indexer;
  private final Duration interval;
  private volatile boolean running;
  private Thread thread;

  public SearchFeed(SearchIndexer indexer, Duration interval) {
    this.indexer = indexer;
    this.interval = interval;
  }

  public synchronized void start() {
    running = true;
    thread = Thread.ofVirtual().name("search-feed").start(this::loop);
  }

  private void loop() {
    while (running) {
      try {
        indexer.catchUp();
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "search feed failed: " + e.getClass().getSimpleName());
        try {
          Thread.sleep(interval.multipliedBy(10));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      try {
        if (!thread.join(Duration.ofSeconds(5))) {
          thread.interrupt();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    indexer.commit();
  }
}
