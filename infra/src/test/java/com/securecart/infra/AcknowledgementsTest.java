package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The cdk-nag acknowledgements: each one is listed, with its reason, in docs/aws.md, and each one
 * is still used (it suppresses a finding), so that the list neither drifts nor keeps dead entries.
 */
class AcknowledgementsTest {
  private static final String BEGIN =
      "<!-- acknowledgements:begin (generated: ./securecart aws synth) -->\n";
  private static final String END = "<!-- acknowledgements:end -->";

  private final Synth synth = Synth.defaults();

  @Test
  void docsListEveryAcknowledgementWithItsReason() throws Exception {
    List<Acknowledgements.Ack> acks = Acknowledgements.read(synth.outdir());
    assertThat(acks).isNotEmpty();
    String docs = Files.readString(Path.of("../docs/aws.md"));
    assertThat(docs).contains(BEGIN, END);
    String listed = docs.substring(docs.indexOf(BEGIN) + BEGIN.length(), docs.indexOf(END));
    assertThat(listed)
        .as("docs/aws.md's acknowledgement table; regenerate it with ./securecart aws synth")
        .isEqualTo(Acknowledgements.table(acks));
  }

  @Test
  void everyAcknowledgementSuppressesAFinding() throws Exception {
    JsonNode report =
        new ObjectMapper().readTree(synth.outdir().resolve("validation-report.json").toFile());
    Set<String> suppressed = new HashSet<>();
    for (JsonNode plugin : report.path("pluginReports")) {
      assertThat(plugin.path("violations").size()).as(plugin.path("pluginName").asText()).isZero();
      for (JsonNode v : plugin.path("suppressedViolations")) {
        for (JsonNode c : v.path("violatingConstructs")) {
          suppressed.add(
              plugin.path("pluginName").asText()
                  + "::"
                  + v.path("ruleName").asText()
                  + "@"
                  + c.path("constructPath").asText());
        }
      }
    }
    for (Acknowledgements.Ack ack : Acknowledgements.read(synth.outdir())) {
      assertThat(suppressed.stream().anyMatch(s -> s.startsWith(ack.rule() + "@" + ack.path())))
          .as("acknowledgement %s on %s suppresses nothing", ack.rule(), ack.path())
          .isTrue();
    }
  }
}
