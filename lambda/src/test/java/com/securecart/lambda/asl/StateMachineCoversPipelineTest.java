package com.securecart.lambda.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.securecart.app.AppSettings;
import com.securecart.app.Contexts;
import com.securecart.app.DatabaseSettings;
import com.securecart.app.Observers;
import com.securecart.persistence.Database;
import com.securecart.persistence.H2Urls;
import com.securecart.pipeline.Step;
import java.time.Clock;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Fails when a core step has no state: walks the pipeline as {@code app} wires it (not a list kept
 * here) and follows each step's trigger through the definition's Route.
 */
class StateMachineCoversPipelineTest {
  private static final String PREFIX = "arn:aws:lambda:eu-west-1:111122223333:function:";

  @Test
  void everyOrchestratedStepIsATaskOnItsFunctionAndEveryNotifyingStepEndsTheExecution() {
    String url = H2Urls.memory("asl-coverage");
    try (Database database = Database.readOnly(url, null, null, 2);
        Contexts contexts =
            Contexts.wire(
                AppSettings.defaults(new DatabaseSettings(url, null, null, 2)),
                database,
                Clock.systemUTC(),
                Observers.none())) {
      List<Step> steps = contexts.pipeline().steps();
      // Not vacuous: the wired pipeline has steps of both kinds.
      assertThat(steps).anyMatch(Step::notifies).anyMatch(step -> !step.notifies());
      JsonNode definition = StateMachineDefinition.of(contexts.pipeline(), PREFIX);
      JsonNode states = definition.get("States");

      SoftAssertions softly = new SoftAssertions();
      for (Step step : steps) {
        String target = routeOf(definition, step.trigger());
        JsonNode state = states.get(target);
        softly.assertThat(state).as("state %s for %s", target, step.name()).isNotNull();
        if (state == null) {
          continue;
        }
        if (step.notifies()) {
          softly
              .assertThat(target)
              .as(
                  "%s (%s) runs from SQS, so its event ends the execution",
                  step.name(), step.trigger())
              .isEqualTo("Done");
          softly.assertThat(state.get("Type").asText()).isEqualTo("Succeed");
        } else {
          softly.assertThat(state.get("Type").asText()).as(step.name()).isEqualTo("Task");
          softly
              .assertThat(state.path("Resource").asText())
              .as("%s (%s) runs its own function", step.name(), step.trigger())
              .isEqualTo(PREFIX + "securecart-" + step.name());
          String compensation = state.path("Catch").path(1).path("Next").asText();
          softly
              .assertThat(states.path(compensation).path("Resource").asText())
              .as("%s is compensated by its own function", step.name())
              .isEqualTo(PREFIX + "securecart-" + step.name() + "-compensate");
        }
      }
      softly.assertAll();
    }
  }

  /** Where the Route sends an execution whose input event is {@code event}. */
  private static String routeOf(JsonNode definition, String event) {
    JsonNode route = definition.get("States").get(definition.get("StartAt").asText());
    for (JsonNode rule : route.get("Choices")) {
      if (rule.get("Variable").asText().equals("$.event")
          && rule.path("StringEquals").asText("").equals(event)) {
        return rule.get("Next").asText();
      }
    }
    return route.get("Default").asText();
  }
}
