package com.securecart.server.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.persistence.Database;
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
class HandoverTest {
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
        pickUp);
  }

  private Handover server() {
    database.migrate();
    return new Handover(dataDir, NightlyJob.on(database, database, () -> {}, clock)).start();
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
      assertThat(left).as("request files cleaned up").isEmpty();
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
        .contains("did not take the job")
        .contains("batch role");
    try (var left = Files.list(dataDir.resolve(Handover.DIR))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void h2sRefusalOfASecondProcessIsRecognised() {
    RuntimeException refused =
        new RuntimeException(
            new java.sql.SQLException(
                "Database may be already in use: \"/data/securecart.mv.db\". Possible solutions:"
                    + " close all other connection(s); use the server mode [90020-232]"));
    assertThat(BatchCommand.heldByServer(refused)).isTrue();
    assertThat(BatchCommand.heldByServer(new RuntimeException("syntax error"))).isFalse();
  }
}
