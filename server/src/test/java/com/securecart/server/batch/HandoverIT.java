package com.securecart.server.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.app.NightlyParts;
import com.securecart.persistence.Database;
import com.securecart.recommendations.PurchaseHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line hands its run to the server that holds the embedded database. */
class HandoverIT {
  private final Clock clock = Clock.systemUTC();
  private final LocalDate day = LocalDate.now(clock).minusDays(1);
  private final Database database =
      new Database(
          "jdbc:h2:mem:handover_"
              + UUID.randomUUID().toString().replace("-", "")
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
          null,
          null,
          4);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path dataDir;

  @AfterEach
  void close() {
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
    Thread taker =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    while (true) {
                      try (var requests = Files.newDirectoryStream(dir, "*.request")) {
                        for (Path r : requests) {
                          Files.move(r, dir.resolve(r.getFileName() + ".taken"));
                          return;
                        }
                      }
                      Thread.sleep(20);
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
    assertThat(request(Duration.ofMillis(300))).isEqualTo(1);
    taker.join();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("the server stopped before the job finished")
        .contains("resumes");
  }

  @Test
  void aBusyServerIsWaitedForNotGivenUpOn() throws Exception {
    database.migrate();
    // Each run's model stage takes a second: longer than the command's pick-up time.
    NightlyJob job =
        new NightlyJob(
            NightlyParts.wire(database, database, clock, HandoverIT::slow), () -> {}, clock);
    ByteArrayOutputStream firstOut = new ByteArrayOutputStream();
    try (Handover server = new Handover(dataDir, job).start()) {
      var first =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () ->
                  Handover.request(
                      dataDir,
                      day,
                      new PrintStream(firstOut, true, StandardCharsets.UTF_8),
                      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                      Duration.ofMillis(300),
                      Duration.ofSeconds(3)));
      Path dir = dataDir.resolve(Handover.DIR);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                try (var taken = Files.newDirectoryStream(dir, "*.taken")) {
                  return taken.iterator().hasNext();
                }
              });
      // The server's one poller runs the first request: the second waits past its pick-up time.
      assertThat(request(Duration.ofMillis(300))).isZero();
      assertThat(first.get()).isZero();
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("the server is busy with another run; waiting")
        .contains("nightly " + day + ": done");
    assertThat(firstOut.toString(StandardCharsets.UTF_8)).contains("nightly " + day + ": done");
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

  private static PurchaseHistory slow(PurchaseHistory real) {
    return new PurchaseHistory() {
      @Override
      public void forEachPurchase(java.time.Instant before, Sink sink) {
        try {
          Thread.sleep(1_000);
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
