package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pacer against a local server whose one worker thread takes 50 ms per request: it serves 20
 * requests/s. Offered 50/s, requests queue, and their latency counted from when they were due grows
 * far beyond the 50 ms of service; offered 5/s, they do not queue. Bounds are loose on purpose (a
 * busy machine only slows the server more): the assertions are about order, not speed.
 */
class OpenLoopIT {
  private HttpServer server;
  private ExecutorService worker;

  private ShopClient slowServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    worker = Executors.newSingleThreadExecutor();
    server.setExecutor(worker);
    server.createContext(
        "/",
        exchange -> {
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          int status = exchange.getRequestURI().getPath().equals("/fail") ? 500 : 200;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    return new ShopClient(base, Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
      worker.shutdownNow();
    }
  }

  @Test
  void latencyFromTheScheduledStartGrowsWhenTheServerIsSlowerThanTheRate() throws Exception {
    ShopClient shop = slowServer();
    OpenLoop loop = new OpenLoop(1000);
    OpenLoop.Call call = i -> shop.get("/").status() == 200;

    StepResult light = loop.step(5, Duration.ZERO, Duration.ofSeconds(2), call, () -> -1);
    StepResult heavy = loop.step(50, Duration.ZERO, Duration.ofSeconds(2), call, () -> -1);

    // every request due in the window is counted, answered or not: the schedule, not the server,
    // decides how many there are
    assertThat(light.requests()).isBetween(9L, 11L);
    assertThat(heavy.requests()).isBetween(99L, 101L);
    assertThat(light.errors()).isZero();
    assertThat(heavy.errors()).isZero();
    // 100 requests at 20/s take 5 s: the last ones waited seconds for their turn; a closed loop
    // would have measured 50 ms each
    assertThat(heavy.p99Ms()).isGreaterThan(1000);
    assertThat(heavy.p99Ms()).isGreaterThan(4 * light.p99Ms());
    assertThat(heavy.p99Ms()).isGreaterThan(heavy.p50Ms());
    assertThat(heavy.achievedPerSecond()).isLessThan(0.95 * heavy.offeredPerSecond());
    assertThat(Double.isNaN(heavy.utilization())).isTrue();
  }

  @Test
  void failuresAndRequestsOverTheInFlightLimitAreErrors() throws Exception {
    ShopClient shop = slowServer();

    StepResult failing =
        new OpenLoop(1000)
            .step(
                5,
                Duration.ZERO,
                Duration.ofSeconds(1),
                i -> shop.get("/fail").status() == 200,
                () -> -1);
    StepResult limited =
        new OpenLoop(1)
            .step(
                50,
                Duration.ZERO,
                Duration.ofSeconds(1),
                i -> shop.get("/").status() == 200,
                () -> -1);

    assertThat(failing.errors()).isEqualTo(failing.requests()).isPositive();
    assertThat(failing.achievedPerSecond()).isZero();
    // one in flight at 50 ms each against one due every 20 ms: most are never sent
    assertThat(limited.errors()).isPositive().isLessThan(limited.requests());
  }

  @Test
  void theWarmUpIsOfferedButNotCounted() throws Exception {
    ShopClient shop = slowServer();
    java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();

    StepResult step =
        new OpenLoop(1000)
            .step(
                10,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                i -> {
                  calls.incrementAndGet();
                  return shop.get("/").status() == 200;
                },
                () -> -1);

    assertThat(calls.get()).isBetween(19L, 21L);
    assertThat(step.requests()).isBetween(9L, 11L);
  }
}
