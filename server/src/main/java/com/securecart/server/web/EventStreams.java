package com.securecart.server.web;

import com.securecart.server.metrics.Metrics;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Server-Sent Event streams for pages: capped in number (beyond the cap a 503 makes the browser
 * retry later), each with a comment every few seconds so that a departed client is noticed, and a
 * maximum lifetime after which the browser's EventSource reconnects (and may land on another
 * instance).
 */
public final class EventStreams implements AutoCloseable {
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final Duration RETRY = Duration.ofSeconds(3);

  /** An event for the page: a name and an HTML fragment; {@code last} ends the stream. */
  public record Event(String name, String html, boolean last) {}

  /** The source of a stream's events. */
  @FunctionalInterface
  public interface Updates {
    /** The next event if one happens within {@code max}; null otherwise. */
    Event await(Duration max) throws InterruptedException;
  }

  private final Semaphore slots;
  private final Metrics metrics;
  private volatile boolean open = true;

  public EventStreams(int maxStreams, Metrics metrics) {
    this.slots = new Semaphore(maxStreams);
    this.metrics = metrics;
  }

  public boolean open() {
    return open;
  }

  /** Sends {@code first}, then the updates, until one is last, the client leaves or time is up. */
  public void stream(ServerResponse res, Event first, Updates updates) {
    if (!open || !slots.tryAcquire()) {
      res.status(Status.SERVICE_UNAVAILABLE_503);
      res.header(HeaderNames.RETRY_AFTER, "5");
      res.send();
      return;
    }
    metrics.streamOpened();
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    SseSink sink = res.sink(SseSink.TYPE);
    try {
      sink.emit(event(first).reconnectDelay(RETRY).build());
      long deadline = System.nanoTime() + LIFETIME.toNanos();
      boolean last = first.last();
      while (!last && open && System.nanoTime() < deadline) {
        Event next = updates.await(KEEP_ALIVE);
        if (next == null) {
          sink.emit(SseEvent.builder().comment("keep-alive").build());
        } else {
          sink.emit(event(next).build());
          last = next.last();
        }
      }
    } catch (UncheckedIOException e) {
      // The client went away.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        sink.close();
      } catch (RuntimeException e) {
        // Already closed by the client.
      }
      slots.release();
      metrics.streamClosed();
    }
  }

  private static SseEvent.Builder event(Event e) {
    // One data line per line of HTML: a raw newline would end the event early.
    return SseEvent.builder().name(e.name()).data(e.html().split("\n"));
  }

  @Override
  public void close() {
    open = false;
  }
}
