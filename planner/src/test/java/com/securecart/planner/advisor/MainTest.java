package com.securecart.planner.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        LocalDate.of(2026, 12, 7));
  }

  @Test
  void aCloudWatchExportPrintsOneRowPerRoleWithTheSnapshotsAge() throws Exception {
    int code =
        run(
            "--metrics",
            CloudWatchCsvTest.fixture().toString(),
            "--format",
            "cloudwatch",
            "--current",
            "storefront=m7i.xlarge",
            "checkout=c6g.medium");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    var table = out.toString(StandardCharsets.UTF_8);
    assertThat(table.lines().filter(l -> l.startsWith("storefront")).findFirst().orElseThrow())
        .contains("m7i.xlarge", "over-provisioned");
    assertThat(table.lines().filter(l -> l.startsWith("checkout")).findFirst().orElseThrow())
        .contains("c6g.medium", "under-provisioned", "4>");
    assertThat(table).contains("snapshot of 2026-01-01 (11 months 6 days old)");
  }

  @Test
  void prometheusScrapesWork() throws Exception {
    int code =
        run(
            "--metrics",
            PrometheusScrapesTest.fixture().toString(),
            "--format",
            "prometheus",
            "--current",
            "search=m7g.large",
            "cart=m7g.large",
            "--families",
            "m7g,c7g");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("search", "cart", "c7g.");
  }

  @Test
  void badInputExitsTwoWithTheReasonAndUsage() throws Exception {
    assertThat(run("--metrics", "/nonexistent", "--format", "cloudwatch", "--current", "a=b"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("/nonexistent does not exist", "usage:");
    err.reset();
    assertThat(
            run(
                "--metrics", CloudWatchCsvTest.fixture().toString(),
                "--format", "cloudwatch",
                "--current", "storefront=m7i.xlarge"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("[checkout]");
    err.reset();
    assertThat(run("--format", "csv", "--metrics", "x")).isEqualTo(2);
    assertThat(run("--bogus")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--bogus'");
  }
}
