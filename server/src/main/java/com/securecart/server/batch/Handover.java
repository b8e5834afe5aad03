package com.securecart.server.batch;

import com.securecart.shared.DomainException;
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
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
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
 * log the command prints as it grows, then an exit status. While it serves requests the server
 * touches a file every {@link #BEAT}; when that file goes stale the command knows the server is
 * gone rather than busy. Files, not a socket: whoever may write the data directory may already
 * change the database, so it needs no other credential and opens no port.
 */
public final class Handover implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Handover.class.getName());
  static final String DIR = "batch-requests";
  static final String ALIVE = "server.alive";
  static final Duration BEAT = Duration.ofSeconds(2);

  /** A server not heard from for this long is gone. */
  static final Duration STALE = Duration.ofSeconds(15);

  /** How long the command waits for a server to show itself before giving up. */
  static final Duration PICK_UP = Duration.ofSeconds(10);

  private final Path dir;
  private final NightlyJob job;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("batch-requests").factory());
  // A platform thread, so that a job keeping every virtual-thread carrier busy cannot stop it.
  private final ScheduledExecutorService beat =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("batch-requests-alive").factory());

  /** The server's side: takes requests from {@code dataDir}. */
  public Handover(Path dataDir, NightlyJob job) {
    this.dir = dataDir.resolve(DIR);
    this.job = job;
  }

  public Handover start() {
    try {
      Files.createDirectories(dir);
      sweep();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    beat.scheduleWithFixedDelay(this::touch, 0, BEAT.toMillis(), TimeUnit.MILLISECONDS);
    poller.scheduleWithFixedDelay(this::takeAll, 0, 500, TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * What an earlier server left: runs it took and never answered (it stopped; their commands gave
   * up) and requests older than a command waits, whose commands are gone too.
   */
  private void sweep() throws IOException {
    Instant old = Instant.now().minus(STALE.plus(PICK_UP));
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        boolean orphan = name.endsWith(".taken") || name.endsWith("-draft");
        if (orphan || Files.getLastModifiedTime(file).toInstant().isBefore(old)) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private void touch() {
    try {
      Path alive = dir.resolve(ALIVE);
      if (!Files.exists(alive)) {
        Files.writeString(alive, "SecureCart's batch role takes nightly runs from here\n");
      }
      Files.setLastModifiedTime(alive, FileTime.from(Instant.now()));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "batch requests: {0}", e.toString());
    }
  }

  void takeAll() {
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
      return; // its command gave up, or it was taken already
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
    } catch (DomainException e) {
      out.println("securecart batch: " + e.detail());
      return BatchCommand.exitStatus(e);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "nightly run handed over failed", e);
      out.println(
          "securecart batch: the run failed ("
              + e.getClass().getSimpleName()
              + "); run it again to resume where it stopped; the server's log has the cause");
      return 1;
    }
  }

  /**
   * The command's side: asks the server holding {@code dataDir}'s database to run the job for
   * {@code day}, prints its progress, and returns its exit status: 3 when no server takes the
   * request (none with the batch role holds the directory), 1 when the server stops mid-run.
   */
  public static int request(Path dataDir, LocalDate day, PrintStream out, PrintStream err) {
    return request(dataDir, day, out, err, PICK_UP, STALE);
  }

  static int request(
      Path dataDir,
      LocalDate day,
      PrintStream out,
      PrintStream err,
      Duration pickUp,
      Duration stale) {
    Path dir = dataDir.resolve(DIR);
    String id = UUID.randomUUID().toString();
    try {
      submit(dir, id, day);
      out.println(
          "nightly "
              + day
              + ": the server running on this data directory holds its database; it runs the job");
      return awaitStatus(dir, id, day, out, err, pickUp, stale);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("securecart batch: interrupted; a server that took the job carries on with it");
      return 130;
    }
  }

  /**
   * Writes the request for {@code day}: whole or absent, as the server takes it when it appears.
   */
  private static void submit(Path dir, String id, LocalDate day) throws IOException {
    Files.createDirectories(dir);
    Path draft = dir.resolve(id + ".draft");
    write(draft, day.toString());
    Files.move(draft, dir.resolve(id + ".request"), StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Prints the run's log as it grows until the server writes its exit status, and returns that
   * status; or gives up when no server is left to answer.
   */
  private static int awaitStatus(
      Path dir,
      String id,
      LocalDate day,
      PrintStream out,
      PrintStream err,
      Duration pickUp,
      Duration stale)
      throws IOException, InterruptedException {
    Path request = dir.resolve(id + ".request");
    Path log = dir.resolve(id + ".log");
    Path status = dir.resolve(id + ".status");
    long deadline = System.nanoTime() + pickUp.toNanos();
    long printed = 0;
    boolean waitingSaid = false;
    while (true) {
      printed = printNew(log, printed, out);
      if (Files.exists(status)) {
        printNew(log, printed, out);
        return readStatus(log, status);
      }
      boolean alive = heardFrom(dir.resolve(ALIVE), stale);
      if (Files.exists(request)) {
        if (!alive && System.nanoTime() > deadline && withdraw(request, dir.resolve(id + ".x"))) {
          err.println(
              "securecart batch: no SecureCart server with the batch role holds this data"
                  + " directory's database (is it started with --roles all?); stop the one that"
                  + " does and run this again, or start it with the batch role");
          return 3;
        }
        if (alive && System.nanoTime() > deadline && !waitingSaid) {
          out.println("nightly " + day + ": the server is busy with another run; waiting");
          waitingSaid = true;
        }
      } else if (!alive && System.nanoTime() > deadline) {
        err.println(
            "securecart batch: the server stopped before the job finished; run this again and"
                + " it resumes where it stopped");
        return 1;
      }
      Thread.sleep(200);
    }
  }

  /** The exit status the server wrote; the run's files are removed once it is read. */
  private static int readStatus(Path log, Path status) throws IOException {
    int code = Integer.parseInt(Files.readString(status).strip());
    for (Path done : List.of(log, status)) {
      Files.deleteIfExists(done);
    }
    return code;
  }

  /** Whether the file was touched within {@code stale}. */
  private static boolean heardFrom(Path alive, Duration stale) throws IOException {
    try {
      Instant touched = Files.getLastModifiedTime(alive).toInstant();
      return touched.isAfter(Instant.now().minus(stale));
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Takes a request back, unless the server took it first; whether it was taken back. */
  private static boolean withdraw(Path request, Path withdrawn) throws IOException {
    try {
      Files.move(request, withdrawn, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return false;
    }
    Files.deleteIfExists(withdrawn);
    return true;
  }

  /** Prints the log's bytes after {@code from}; returns where it got to. */
  private static long printNew(Path log, long from, PrintStream out) throws IOException {
    byte[] all;
    try {
      all = Files.readAllBytes(log);
    } catch (NoSuchFileException e) {
      return from;
    }
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
    beat.shutdownNow();
  }
}
