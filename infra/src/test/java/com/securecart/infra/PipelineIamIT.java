package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's roles checked for least privilege offline: src/test/iam/simulate.mjs evaluates the
 * synthesized inline policies with @cloud-copilot/iam-simulate (installed with {@code npm install
 * --no-save --prefix ~/.cache/securecart/iam @cloud-copilot/iam-simulate}). Without the package the
 * test is skipped here and fails on CI.
 */
class PipelineIamIT {
  static final Path PREFIX =
      Path.of(System.getProperty("user.home"), ".cache", "securecart", "iam");

  @Test
  void thePipelineRolesAllowWhatTheyNeedAndNothingElse() throws Exception {
    boolean installed =
        Files.isDirectory(PREFIX.resolve("node_modules/@cloud-copilot/iam-simulate"));
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("@cloud-copilot/iam-simulate is missing under " + PREFIX);
    }
    assumeThat(installed).as("@cloud-copilot/iam-simulate under " + PREFIX).isTrue();

    Synth synth = Synth.defaults();
    Path template = synth.outdir().resolve("SecureCart-Pipeline.template.json");
    Path node22 =
        Path.of(System.getProperty("user.home"), ".cache/securecart/sfn/node_modules/.bin/node");
    String node = Files.isExecutable(node22) ? node22.toString() : "node";
    ProcessBuilder builder =
        new ProcessBuilder(node, "src/test/iam/simulate.mjs", template.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("SECURECART_IAM_SIMULATE", PREFIX.toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();

    JsonNode report = new ObjectMapper().readTree(out);
    List<String> failed = new ArrayList<>();
    int allowed = 0;
    int denied = 0;
    for (JsonNode r : report.path("results")) {
      if (!r.path("ok").asBoolean()) {
        failed.add(
            r.path("principal").asText()
                + " "
                + r.path("action").asText()
                + " "
                + r.path("resource").asText()
                + ": expected "
                + r.path("expect").asText()
                + ", got "
                + r.path("result").asText());
      }
      if (r.path("expect").asText().equals("Allowed")) {
        allowed++;
      } else {
        denied++;
      }
    }
    assertThat(failed).isEmpty();
    // Every role was found and every expectation evaluated (not an empty report passing).
    assertThat(report.path("roles").size()).isEqualTo(8);
    // 16, and the Stripe keys' secret for each of the seven functions.
    assertThat(allowed).isEqualTo(23);
    assertThat(denied).isEqualTo(50);
  }
}
