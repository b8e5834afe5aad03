package com.securecart.server.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hands a nightly run from the command line to the server that holds the embedded database, which a
 * second process cannot open. The command writes a request file into the data directory; the
 * server's batch role takes it (by renaming it), runs the job and writes each progress line to a
 * log the command prints as it grows, then an exit status. Files, not a socket: whoever may write
 * the data directory may already change the database, so it needs no other credential and opens no
 * port.
 */
public final class Handover implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Handover.class.getName());
  static final String DIR = "batch-requests";

  /** How long the command waits for a server to take its request before giving up. */
  static final Duration PICK_UP = Duration.ofSeconds(10);

  private final Path dir;
  private final NightlyJob job;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("batch-requests").factory());

  /** The server's side: takes requests from {@code dataDir}. */
  public Handover(Path dataDir, NightlyJob job) {
    this.dir = dataDir.resolve(DIR);
    this.job = job;
  }

  public Handover start() {
    poller.scheduleWithFixedDelay(this::takeAll, 0, 500, TimeUnit.MILLISECONDS);
    return this;
  }

  void takeAll() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> requests = Files.newDirectoryStream(dir, "*.request")) {
      for (Path request : requests) {
        take(request);
      }
    } catch (IOException | RuntimeException | Error e) {
      // Whatever went wrong, the poller carries on: a periodic task that throws is never run again.
      LOG.log(System.Logger.Level.WARNING, "batch requests: {0}", e.toString());
    }
  }

  private void take(Path request) throws IOException {
    String id = request.getFileName().toString().replace(".request", "");
    Path taken = dir.resolve(id + ".taken");
    try {
      Files.move(request, taken, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return;
    }
    Path log = dir.resolve(id + ".log");
    int status = 1;
    try (PrintStream out =
        new PrintStream(
            Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
            true,
            StandardCharsets.UTF_8)) {
      status = runLogged(Files.readString(taken).strip(), out);
    } finally {
      // Always an answer, so that the command never waits for ever; whole or absent, as the
      // command reads it as soon as it appears.
      Path draft = dir.resolve(id + ".status-draft");
      write(draft, Integer.toString(status));
      Files.deleteIfExists(taken);
      Files.move(draft, dir.resolve(id + ".status"), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Runs the job for the requested day, writing what the command would print; its exit status. */
  private int runLogged(String requested, PrintStream out) {
    try {
      LocalDate day = LocalDate.parse(requested);
      job.run(day, out::println);
      out.println("nightly " + day + ": done");
      return 0;
    } catch (com.securecart.shared.DomainException e) {
      out.println("securecart batch: " + e.detail());
      return 4;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "nightly run handed over failed", e);
      out.println(
          "securecart batch: the run failed ("
              + e.getClass().getSimpleName()
              + "); it resumes where it stopped when run again; the server's log has the cause");
      return 1;
    }
  }

  /**
   * The command's side: asks the server holding {@code dataDir}'s database to run the job for
   * {@code day}, prints its progress, and returns its exit status (3 when no server takes the
   * request: it does not run the batch role).
   */
  public static int request(Path dataDir, LocalDate day, PrintStream out, PrintStream err) {
    return request(dataDir, day, out, err, PICK_UP);
  }

  static int request(
      Path dataDir, LocalDate day, PrintStream out, PrintStream err, Duration pickUp) {
    Path dir = dataDir.resolve(DIR);
    String id = UUID.randomUUID().toString();
    try {
      Files.createDirectories(dir);
      Path draft = dir.resolve(id + ".draft");
      write(draft, day.toString());
      Path request = dir.resolve(id + ".request");
      Files.move(draft, request, StandardCopyOption.ATOMIC_MOVE);
      out.println(
          "nightly "
              + day
              + ": the server running on this data directory holds its database; it runs the job");
      long deadline = System.nanoTime() + pickUp.toNanos();
      Path log = dir.resolve(id + ".log");
      Path status = dir.resolve(id + ".status");
      // H2 keeps this file while a process has the database open.
      Path lock = dataDir.resolve("securecart.lock.db");
      boolean locked = Files.exists(lock);
      long printed = 0;
      while (true) {
        if (Files.exists(request) && System.nanoTime() > deadline) {
          Files.deleteIfExists(request);
          err.println(
              "securecart batch: the server holding this data directory's database did not take the"
                  + " job within "
                  + pickUp.toSeconds()
                  + " s: start it with the batch role (--roles all), or stop it and run this again");
          return 3;
        }
        printed = printNew(log, printed, out);
        if (Files.exists(status)) {
          printNew(log, printed, out);
          int code = Integer.parseInt(Files.readString(status).strip());
          for (Path done : List.of(log, status)) {
            Files.deleteIfExists(done);
          }
          return code;
        }
        if (locked && !Files.exists(lock) && !Files.exists(status)) {
          err.println(
              "securecart batch: the server stopped before the job finished; run this again and it"
                  + " resumes where it stopped");
          return 1;
        }
        Thread.sleep(200);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("securecart batch: interrupted; the server carries on with the job");
      return 130;
    }
  }

  /** Prints the log's bytes after {@code from}; returns where it got to. */
  private static long printNew(Path log, long from, PrintStream out) throws IOException {
    if (!Files.exists(log)) {
      return from;
    }
    byte[] all = Files.readAllBytes(log);
    int end = all.length;
    while (end > from && all[end - 1] != '\n') {
      end--;
    }
    if (end > from) {
      out.print(new String(all, (int) from, (int) (end - from), StandardCharsets.UTF_8));
      out.flush();
    }
    return Math.max(from, end);
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
