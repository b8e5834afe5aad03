package com.securecart.lambda.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The picture follows the definition, and the README shows the picture the definition makes today:
 * when a step, a trigger or the retry policy changes, this fails until the README is regenerated
 * ({@code ./securecart pipeline diagram}).
 */
class MermaidDiagramTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String SECTION = "## The order pipeline on AWS Step Functions";
  private static final Pattern MERMAID = Pattern.compile("```mermaid\n(.*?)```", Pattern.DOTALL);

  private final JsonNode definition =
      PipelineCommand.definition(StateMachineDefinition.DEFAULT_ARN_PREFIX);

  @Test
  void drawsEveryTransitionOfTheDefinition() {
    String diagram = MermaidDiagram.of(definition);
    assertThat(diagram.lines())
        .contains(
            "stateDiagram-v2",
            "    state Route <<choice>>",
            "    [*] --> Route",
            "    Route --> AuthorizePayment: order.placed",
            "    Route --> VoidAuthorization: order.cancelled",
            "    Route --> VoidAuthorization: order.expired",
            "    Route --> Done: otherwise",
            "    AuthorizePayment --> AuthorizePayment: retry TransientStepException up to 7x,"
                + " 1 s x2 to 30 s, jitter FULL",
            "    AuthorizePayment --> AuthorizePaymentCompensate: error States.ALL",
            "    AuthorizePayment --> Route",
            "    AuthorizePaymentCompensate --> Failed",
            "    Done --> [*]",
            "    Failed --> [*]");
    // One edge per Choice rule, Default, Retry, Catch and Next, plus the start and the two ends.
    long edges = diagram.lines().filter(line -> line.contains(" --> ")).count();
    int expected = 1 + 2; // [*] --> Route, Done and Failed --> [*]
    for (JsonNode state : definition.get("States")) {
      expected += state.path("Choices").size() + (state.has("Default") ? 1 : 0);
      expected += state.path("Retry").size() + state.path("Catch").size();
      expected += state.has("Next") ? 1 : 0;
    }
    assertThat(edges).isEqualTo(expected);
  }

  @Test
  void theReadmeShowsTheGeneratedDiagram() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int section = readme.indexOf(SECTION);
    assertThat(section).as("README section '%s'", SECTION).isNotNegative();
    Matcher block = MERMAID.matcher(readme);
    assertThat(block.find(section)).as("a ```mermaid block in that section").isTrue();
    assertThat(block.group(1))
        .as("README's diagram; regenerate it with ./securecart pipeline diagram")
        .isEqualTo(MermaidDiagram.of(definition));
  }
}
