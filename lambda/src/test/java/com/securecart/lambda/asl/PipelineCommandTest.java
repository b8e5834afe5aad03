package com.securecart.lambda.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./securecart pipeline}: stdout carries only the definition or the diagram. */
class PipelineCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return PipelineCommand.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void aslPrintsTheResolvedDefinitionWithTheGivenPrefix() throws Exception {
    assertThat(run("asl", "--arn-prefix", "arn:aws:lambda:eu-west-1:111122223333:function:"))
        .isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    JsonNode definition = new ObjectMapper().readTree(printed);
    assertThat(definition)
        .isEqualTo(PipelineCommand.definition("arn:aws:lambda:eu-west-1:111122223333:function:"));
    // Resolved: no CloudFormation intrinsic functions or substitutions left in it.
    assertThat(printed).doesNotContain("Fn::", "${", "\"Ref\"");
  }

  @Test
  void diagramPrintsTheMermaidPictureOfTheDefaultDefinition() {
    assertThat(run("diagram")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            MermaidDiagram.of(
                PipelineCommand.definition(StateMachineDefinition.DEFAULT_ARN_PREFIX)))
        .startsWith("stateDiagram-v2\n");
  }

  @Test
  void wrongArgumentsPrintTheUsageAndExitTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("png")).isEqualTo(2);
    assertThat(run("asl", "--arn-prefix")).isEqualTo(2);
    assertThat(out.size()).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ./securecart pipeline");
  }
}
