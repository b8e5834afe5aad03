package com.securecart.infra;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command-line checkers the infra ITs run (cfn-lint, cfn-guard, node), found where .ci/run
 * installs them. Without one, a test fails in CI (CI=true) and is skipped elsewhere, with the
 * install line in the message.
 */
final class Tools {
  private Tools() {}

  record Result(int exitCode, String output) {}

  static Path cfnGuard() {
    String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch64" : "x86_64";
    Path guard =
        Path.of(System.getProperty("user.home"))
            .resolve(".cache/securecart/guard/node_modules/@cdklabs/cdk-validator-cfnguard/bin")
            .resolve("ubuntu")
            .resolve(arch)
            .resolve("cfn-guard");
    require(
        Files.isExecutable(guard),
        "cfn-guard: npm install --prefix ~/.cache/securecart/guard @cdklabs/cdk-validator-cfnguard@0.0.62");
    return guard;
  }

  static String cfnLint() {
    require(onPath("cfn-lint"), "cfn-lint: pip install cfn-lint");
    return "cfn-lint";
  }

  static void require(boolean present, String install) {
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("missing in CI: " + install);
    }
    assumeTrue(present, "skipped: missing " + install);
  }

  static boolean onPath(String command) {
    try {
      return run(List.of("sh", "-c", "command -v " + command)).exitCode() == 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  static Result run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every template of a synthesized app. */
  static List<Path> templates(Path outdir) {
    try (var files = Files.list(outdir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".template.json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
