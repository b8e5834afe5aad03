package com.securecart.server.web;

import com.securecart.server.admission.Origin;
import com.securecart.server.metrics.Metrics;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Server-Sent Event streams for pages: capped in number (beyond the cap a 503 makes the browser
 * retry later) and per client (its address as the rate limiter sees it, {@link Origin}; beyond its
 * share a 429, so that one client cannot hold every slot), each with a comment every few seconds so
 * that a departed client is noticed, and a maximum lifetime after which the browser's EventSource
 * reconnects (and may land on another instance).
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
  private final int perClient;
  private final ConcurrentHashMap<String, Integer> clients = new ConcurrentHashMap<>();
  private final Metrics metrics;
  private volatile boolean open = true;

  public EventStreams(int maxStreams, Metrics metrics) {
    this(maxStreams, Integer.MAX_VALUE, metrics);
  }

  /**
   * @param perClient how many streams one client may hold open at once
   */
  public EventStreams(int maxStreams, int perClient, Metrics metrics) {
    this.slots = new Semaphore(maxStreams);
    this.perClient = perClient;
    this.metrics = metrics;
  }

  public boolean open() {
    return open;
  }

  /** Sends {@code first}, then the updates, until one is last, the client leaves or time is up. */
  public void stream(ServerRequest req, ServerResponse res, Event first, Updates updates) {
    String client = Origin.of(req).client();
    if (!claim(client)) {
      res.status(Status.TOO_MANY_REQUESTS_429);
      res.header(HeaderNames.RETRY_AFTER, "5");
      res.header(HeaderNames.CACHE_CONTROL, "no-store");
      res.send();
      return;
    }
    if (!open || !slots.tryAcquire()) {
      release(client);
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
      release(client);
      metrics.streamClosed();
    }
  }

  /** Takes one of the client's stream slots; false when it holds all of them. */
  private boolean claim(String client) {
    boolean[] claimed = {false};
    clients.compute(
        client,
        (k, held) -> {
          int now = held == null ? 0 : held;
          if (now >= perClient) {
            return held;
          }
          claimed[0] = true;
          return now + 1;
        });
    return claimed[0];
  }

  private void release(String client) {
    clients.computeIfPresent(client, (k, held) -> held <= 1 ? null : held - 1);
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
