package com.securecart.persistence;

import com.securecart.jobs.JobLedger;
import com.securecart.jobs.RunState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The ledger of batch runs in SQL. */
public final class JdbiJobLedger implements JobLedger {
  private static final String DAY = " WHERE job = :job AND run_day = :day";

  private final JdbiTransactions db;

  public JdbiJobLedger(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public Instant now() {
    return db.withHandle(
        h ->
            h.createQuery("SELECT CURRENT_TIMESTAMP")
                .mapTo(OffsetDateTime.class)
                .one()
                .toInstant());
  }

  @Override
  public Optional<RunState> find(String job, LocalDate day) {
    return select(job, day, "");
  }

  @Override
  public Optional<RunState> lock(String job, LocalDate day) {
    return select(job, day, " FOR UPDATE");
  }

  private Optional<RunState> select(String job, LocalDate day, String locking) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT * FROM job_runs" + DAY + locking)
                .bind("job", job)
                .bind("day", day)
                .map((rs, ctx) -> state(rs))
                .findOne());
  }

  @Override
  public boolean insert(RunState s) {
    try {
      db.withHandle(
          h ->
              bound(
                      h.createUpdate(
                          "INSERT INTO job_runs (job, run_day, attempt, status, started_at,"
                              + " heartbeat_at, finished_at) VALUES (:job, :day, :attempt, :status,"
                              + " :started, :heartbeat, :finished)"),
                      s)
                  .execute());
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean update(RunState s, int expectedAttempt) {
    return db.withHandle(
            h ->
                bound(
                        h.createUpdate(
                            "UPDATE job_runs SET attempt = :attempt, status = :status, started_at ="
                                + " :started, heartbeat_at = :heartbeat, finished_at = :finished"
                                + DAY
                                + " AND attempt = :expected"),
                        s)
                    .bind("expected", expectedAttempt)
                    .execute())
        == 1;
  }

  private static org.jdbi.v3.core.statement.Update bound(
      org.jdbi.v3.core.statement.Update update, RunState s) {
    return update
        .bind("job", s.job())
        .bind("day", s.day())
        .bind("attempt", s.attempt())
        .bind("status", s.status().name())
        .bind("started", s.startedAt())
        .bind("heartbeat", s.heartbeatAt())
        .bind("finished", s.finishedAt());
  }

  @Override
  public boolean heartbeat(String job, LocalDate day, int attempt) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE job_runs SET heartbeat_at = CURRENT_TIMESTAMP"
                            + DAY
                            + " AND attempt = :attempt AND status = 'RUNNING'")
                    .bind("job", job)
                    .bind("day", day)
                    .bind("attempt", attempt)
                    .execute())
        == 1;
  }

  @Override
  public Map<String, String> finishedStages(String job, LocalDate day) {
    Map<String, String> out = new LinkedHashMap<>();
    db.withHandle(
            h ->
                h.createQuery(
                        "SELECT stage, summary FROM job_stages" + DAY + " ORDER BY finished_at")
                    .bind("job", job)
                    .bind("day", day)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .list())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  @Override
  public void stageFinished(String job, LocalDate day, String stage, String summary) {
    db.inTransaction(
        () ->
            db.withHandle(
                h -> {
                  h.createUpdate("DELETE FROM job_stages" + DAY + " AND stage = :stage")
                      .bind("job", job)
                      .bind("day", day)
                      .bind("stage", stage)
                      .execute();
                  return h.createUpdate(
                          "INSERT INTO job_stages (job, run_day, stage, summary, finished_at)"
                              + " VALUES (:job, :day, :stage, :summary, CURRENT_TIMESTAMP)")
                      .bind("job", job)
                      .bind("day", day)
                      .bind("stage", stage)
                      .bind(
                          "summary", summary.length() > 2000 ? summary.substring(0, 2000) : summary)
                      .execute();
                }));
  }

  @Override
  public void clearStages(String job, LocalDate day) {
    db.withHandle(
        h ->
            h.createUpdate("DELETE FROM job_stages" + DAY)
                .bind("job", job)
                .bind("day", day)
                .execute());
  }

  @Override
  public List<RunState> recent(String job, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM job_runs WHERE job = :job ORDER BY run_day DESC LIMIT :limit")
                .bind("job", job)
                .bind("limit", limit)
                .map((rs, ctx) -> state(rs))
                .list());
  }

  private static RunState state(ResultSet rs) throws SQLException {
    OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
    return new RunState(
        rs.getString("job"),
        rs.getObject("run_day", LocalDate.class),
        rs.getInt("attempt"),
        RunState.Status.valueOf(rs.getString("status")),
        rs.getObject("started_at", OffsetDateTime.class).toInstant(),
        rs.getObject("heartbeat_at", OffsetDateTime.class).toInstant(),
        finished == null ? null : finished.toInstant());
  }
}
