package com.securecart.server.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.persistence.H2Urls;
import com.securecart.server.SecureCart;
import com.securecart.server.config.Config;
import com.securecart.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code securecart batch nightly} in a process of its own, as a user runs it, while a server holds
 * the embedded database of the same data directory: it never meets H2's lock, it hands the run over
 * and prints the server's progress; and a server started while the command has the database says so
 * in one line.
 */
class BatchCommandIT {
  private static List<String> command(Path dataDir, String... more) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("com.securecart.server.Main");
    command.addAll(List.of(more));
    command.add("--data-dir");
    command.add(dataDir.toString());
    return command;
  }

  private static Process start(List<String> command) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String finish(Process process) throws Exception {
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the command ends").isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void theCommandHandsItsRunToTheServerThatHoldsTheEmbeddedDatabase(@TempDir Path dataDir)
      throws Exception {
    Config config =
        ConfigLoader.load(
            new String[] {"--data-dir", dataDir.toString(), "--port", "0", "--demo-products", "0"},
            Map.of("SECURECART_ADMIN_PASSWORD", "admin-password-for-tests"));
    // A day the server's own catch-up at start does not run.
    String day = LocalDate.now(ZoneOffset.UTC).minusDays(5).toString();
    try (SecureCart server = new SecureCart(config).start()) {
      Process batch = start(command(dataDir, "batch", "nightly", "--date", day));
      String output = finish(batch);
      assertThat(batch.exitValue()).as(output).isZero();
      assertThat(output)
          .doesNotContain("already in use")
          .contains("the server running on this data directory holds its database")
          .contains("nightly " + day + ": stage 1/2, analytics")
          .contains("nightly " + day + ": stage 2/2, recommendation model")
          .contains("nightly " + day + ": done");
    }
  }

  @Test
  void aServerStartedWhileAnotherProcessHasTheDatabaseSaysSoInOneLine(@TempDir Path dataDir)
      throws Exception {
    // Another process with the database open, as `securecart batch nightly` has while it runs.
    Process holder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "org.h2.tools.Shell",
                "-url",
                H2Urls.file(dataDir.resolve("securecart")))
            .redirectErrorStream(true)
            .start();
    try {
      // The shell has the file open once it prompts for SQL.
      StringBuilder said = new StringBuilder();
      while (!said.toString().contains("sql>")) {
        int b = holder.getInputStream().read();
        assertThat(b).as("the shell's output so far: %s", said).isNotNegative();
        said.append((char) b);
      }
      Process server = start(command(dataDir, "--port", "0", "--demo-products", "0"));
      String output = finish(server);
      assertThat(server.exitValue()).as(output).isEqualTo(1);
      assertThat(output)
          .contains("another SecureCart process")
          .contains("has the embedded database in " + dataDir.toAbsolutePath())
          .doesNotContain("\tat ");
    } finally {
      holder.getOutputStream().close();
      holder.destroy();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
