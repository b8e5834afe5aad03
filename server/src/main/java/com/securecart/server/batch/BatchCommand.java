package com.securecart.server.batch;

import com.securecart.app.ConfigException;
import com.securecart.app.Contexts;
import com.securecart.app.DatabaseSettings;
import com.securecart.app.Observers;
import com.securecart.persistence.Database;
import com.securecart.server.config.Config;
import com.securecart.server.config.ConfigLoader;
import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;
import com.securecart.shared.ValidationException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code securecart batch nightly [--date YYYY-MM-DD] [--db URL | --data-dir DIR] [--batch-read-db
 * URL]}: the nightly job for one date (by default the last UTC day that has ended, see {@link
 * NightlyJob#lastFullDay}) in this process, against the database the server would use, or, when a
 * running server holds the embedded database, through that server ({@link Handover}). Exit status:
 * 0 done, 1 failed (a re-run resumes), 2 bad arguments, 3 no server took the job, 4 the day's job
 * is running already.
 */
public final class BatchCommand {
  static final String USAGE =
      "usage: securecart batch nightly [--date YYYY-MM-DD] [--db JDBC_URL] [--data-dir DIR]"
          + " [--batch-read-db JDBC_URL]";

  private BatchCommand() {}

  /** Runs the command; returns the process's exit status. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0 || !args[0].equals("nightly")) {
      err.println(USAGE);
      return 2;
    }
    Clock clock = Clock.systemUTC();
    LocalDate day = NightlyJob.lastFullDay(clock.instant());
    List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
    int at = rest.indexOf("--date");
    if (at >= 0) {
      try {
        day = LocalDate.parse(rest.get(at + 1));
      } catch (IndexOutOfBoundsException | DateTimeParseException e) {
        err.println("securecart batch: --date must be a date like 2026-11-25");
        return 2;
      }
      rest.subList(at, at + 2).clear();
    }
    try {
      NightlyJob.checkDay(day, clock);
    } catch (ValidationException e) {
      err.println("securecart batch: --date must not be in the future");
      return 2;
    }
    Config config;
    try {
      config = ConfigLoader.load(rest.toArray(String[]::new), env);
    } catch (ConfigException e) {
      err.println("securecart batch: " + e.getMessage());
      return 2;
    }
    DatabaseSettings db = config.app().database();
    // A few connections: the stage's, the ledger's heartbeat and the figures' writes.
    try (Database database = db.open(4, Database.Instrumentation.none());
        Contexts contexts = Contexts.wire(config.app(), database, clock, Observers.none())) {
      database.migrate();
      new NightlyJob(contexts.nightly(), () -> {}, clock).run(day, out::println);
      out.println("nightly " + day + ": done");
      return 0;
    } catch (DomainException e) {
      err.println("securecart batch: " + e.detail());
      return exitStatus(e);
    } catch (RuntimeException e) {
      if (heldByAnotherProcess(e)) {
        return Handover.request(config.dataDir(), day, out, err);
      }
      throw e;
    }
  }

  /** 4 when the day's job is running already; 2 for any other refusal (bad input). */
  static int exitStatus(DomainException e) {
    return e.problemType() == ProblemType.JOB_RUNNING ? 4 : 2;
  }

  /** H2 refuses a second process on a database file ("Database may be already in use"). */
  public static boolean heldByAnotherProcess(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("already in use")) {
        return true;
      }
    }
    return false;
  }
}
