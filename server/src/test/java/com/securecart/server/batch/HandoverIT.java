package com.securecart.server.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.securecart.app.NightlyParts;
import com.securecart.persistence.Database;
import com.securecart.persistence.H2Urls;
import com.securecart.recommendations.PurchaseHistory;
import com.securecart.server.testing.NightlyFaults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line hands its run to the server that holds the embedded database. */
class HandoverIT {
  private final Clock clock = Clock.systemUTC();
  private final LocalDate day = LocalDate.now(clock).minusDays(1);
  private final Database database =
      new Database(
          H2Urls.memory("handover_" + UUID.randomUUID().toString().replace("-", "")),
          null,
          null,
          4);
  // Its own threads, not the common pool: on a two-core machine that has one, and the commands
  // these tests run side by side block until each other's effects show.
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path dataDir;

  @AfterEach
  void close() {
    threads.shutdownNow();
    database.close();
  }

  private int request(Duration pickUp) {
    return Handover.request(
        dataDir,
        day,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        pickUp,
        Duration.ofSeconds(3));
  }

  private Handover server() {
    database.migrate();
    return new Handover(
            dataDir, new NightlyJob(NightlyParts.wire(database, database, clock), () -> {}, clock))
        .start();
  }

  @Test
  void theServerRunsTheJobAndTheCommandPrintsItsProgressAndExitStatus() throws IOException {
    try (Handover server = server()) {
      assertThat(request(Duration.ofSeconds(10))).isZero();
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("the server running on this data directory holds its database")
        .contains("nightly " + day + ": stage 1/2, analytics")
        .contains("nightly " + day + ": stage 2/2, recommendation model")
        .contains("nightly " + day + ": done");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    try (var left = Files.list(dataDir.resolve(Handover.DIR))) {
      assertThat(left)
          .as("request files cleaned up; the server's heartbeat file stays")
          .extracting(p -> p.getFileName().toString())
          .containsExactly(Handover.ALIVE);
    }
  }

  @Test
  void aRunOfADayAnotherRunHoldsEndsWithStatusFourAndSaysWhy() throws SQLException {
    try (Handover server = server()) {
      try (Connection c = database.dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO job_runs (job, run_day, attempt, status, started_at, heartbeat_at)"
                + " VALUES ('nightly', DATE '"
                + day
                + "', 1, 'RUNNING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
      }
      assertThat(request(Duration.ofSeconds(10))).isEqualTo(4);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("job for " + day + " is running");
  }

  @Test
  void withoutAServerThatTakesItTheCommandGivesUpWithStatusThreeAndLeavesNoRequest()
      throws IOException {
    assertThat(request(Duration.ofMillis(300))).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no SecureCart server with the batch role holds this data directory");
    try (var left = Files.list(dataDir.resolve(Handover.DIR))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aServerThatStopsAfterTakingTheRunMakesTheCommandGiveUpAndSaySo() throws Exception {
    // A server took the request (renamed it) and then died: it answers nothing, and its
    // heartbeat file goes stale.
    Path dir = dataDir.resolve(Handover.DIR);
    Files.createDirectories(dir);
    CompletableFuture<Void> taker =
        CompletableFuture.runAsync(
            () -> {
              Path r =
                  await()
                      .atMost(Duration.ofSeconds(10))
                      .pollInterval(Duration.ofMillis(20))
                      .until(() -> firstRequest(dir), Objects::nonNull);
              try {
                Files.move(r, dir.resolve(r.getFileName() + ".taken"));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            threads);
    assertThat(request(Duration.ofMillis(300))).isEqualTo(1);
    taker.get(10, TimeUnit.SECONDS);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("the server stopped before the job finished")
        .contains("resumes");
  }

  @Test
  void aBusyServerIsWaitedForNotGivenUpOn() throws Exception {
    database.migrate();
    // The first run's model stage holds until the second command has said it waits: it stays busy
    // longer than that command's pick-up time, however slow the machine.
    CountDownLatch release = new CountDownLatch(1);
    NightlyJob job =
        new NightlyJob(
            NightlyFaults.wrappingPurchases(database, clock, real -> held(real, release)),
            () -> {},
            clock);
    ByteArrayOutputStream firstOut = new ByteArrayOutputStream();
    try (Handover server = new Handover(dataDir, job).start()) {
      var first =
          CompletableFuture.supplyAsync(
              () ->
                  Handover.request(
                      dataDir,
                      day,
                      new PrintStream(firstOut, true, StandardCharsets.UTF_8),
                      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                      Duration.ofMillis(300),
                      Duration.ofSeconds(3)),
              threads);
      Path dir = dataDir.resolve(Handover.DIR);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                try (var taken = Files.newDirectoryStream(dir, "*.taken")) {
                  return taken.iterator().hasNext();
                }
              });
      // The server's one poller runs the first request: the second waits past its pick-up time.
      var second = CompletableFuture.supplyAsync(() -> request(Duration.ofMillis(300)), threads);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> out.toString(StandardCharsets.UTF_8).contains("busy with another run"));
      release.countDown();
      assertThat(second.get(30, TimeUnit.SECONDS)).isZero();
      assertThat(first.get(30, TimeUnit.SECONDS)).isZero();
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("the server is busy with another run; waiting")
        .contains("nightly " + day + ": done");
    assertThat(firstOut.toString(StandardCharsets.UTF_8)).contains("nightly " + day + ": done");
  }

  /** A request file waiting in {@code dir}, or null when there is none yet. */
  private static Path firstRequest(Path dir) throws IOException {
    try (var requests = Files.newDirectoryStream(dir, "*.request")) {
      var each = requests.iterator();
      return each.hasNext() ? each.next() : null;
    }
  }

  @Test
  void h2sRefusalOfASecondProcessIsRecognised() {
    RuntimeException refused =
        new RuntimeException(
            new java.sql.SQLException(
                "Database may be already in use: \"/data/securecart.mv.db\". Possible solutions:"
                    + " close all other connection(s); use the server mode [90020-232]"));
    assertThat(BatchCommand.heldByAnotherProcess(refused)).isTrue();
    assertThat(BatchCommand.heldByAnotherProcess(new RuntimeException("syntax error"))).isFalse();
  }

  /** The purchase reads, held until {@code release} opens. */
  private static PurchaseHistory held(PurchaseHistory real, CountDownLatch release) {
    return new PurchaseHistory() {
      @Override
      public void forEachPurchase(java.time.Instant before, Sink sink) {
        try {
          assertThat(release.await(30, TimeUnit.SECONDS))
              .as("the test released the model stage")
              .isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        real.forEachPurchase(before, sink);
      }

      @Override
      public java.util.Map<Long, String> categories() {
        return real.categories();
      }

      @Override
      public java.util.List<Long> productsBoughtBy(long customer, int limit) {
        return real.productsBoughtBy(customer, limit);
      }

      @Override
      public java.util.Set<Long> available(java.util.Collection<Long> products) {
        return real.available(products);
      }
    };
  }
}
