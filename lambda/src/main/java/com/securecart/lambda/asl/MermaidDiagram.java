package com.securecart.lambda.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Mermaid {@code stateDiagram-v2} of a States Language definition, read from the definition's
 * JSON (not from the steps), so that the picture shows what the deployment runs. It draws the
 * states this pipeline uses: Choice, Task (with its Retry and Catch), Succeed and Fail.
 */
public final class MermaidDiagram {
  private MermaidDiagram() {}

  public static String of(JsonNode definition) {
    List<String> lines = new ArrayList<>();
    lines.add("stateDiagram-v2");
    JsonNode states = required(definition, "States");
    List<String> ends = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : states.properties()) {
      String name = entry.getKey();
      String type = required(entry.getValue(), "Type").asText();
      switch (type) {
        case "Choice" -> lines.add("    state " + name + " <<choice>>");
        case "Succeed", "Fail" -> ends.add(name);
        default -> {}
      }
    }
    lines.add("    [*] --> " + required(definition, "StartAt").asText());
    for (Map.Entry<String, JsonNode> entry : states.properties()) {
      String name = entry.getKey();
      JsonNode state = entry.getValue();
      switch (state.get("Type").asText()) {
        case "Choice" -> {
          for (JsonNode rule : required(state, "Choices")) {
            lines.add(
                edge(
                    name,
                    required(rule, "Next").asText(),
                    required(rule, "StringEquals").asText()));
          }
          if (state.has("Default")) {
            lines.add(edge(name, state.get("Default").asText(), "otherwise"));
          }
        }
        case "Task" -> {
          for (JsonNode retry : state.path("Retry")) {
            lines.add(
                edge(
                    name,
                    name,
                    "retry "
                        + simpleNames(retry.path("ErrorEquals"))
                        + " up to "
                        + retry.path("MaxAttempts").asInt()
                        + "x, "
                        + retry.path("IntervalSeconds").asInt()
                        + " s x"
                        + trim(retry.path("BackoffRate").asDouble())
                        + " to "
                        + retry.path("MaxDelaySeconds").asInt()
                        + " s, jitter "
                        + retry.path("JitterStrategy").asText("NONE")));
          }
          for (JsonNode katch : state.path("Catch")) {
            lines.add(
                edge(
                    name,
                    required(katch, "Next").asText(),
                    "error " + simpleNames(katch.path("ErrorEquals"))));
          }
          if (state.has("Next")) {
            lines.add(edge(name, state.get("Next").asText(), null));
          }
        }
        default -> {}
      }
    }
    for (String end : ends) {
      lines.add(edge(end, "[*]", null));
    }
    return String.join("\n", lines) + "\n";
  }

  private static String edge(String from, String to, String label) {
    return "    " + from + " --> " + to + (label == null ? "" : ": " + label);
  }

  /** Error names without their package: Mermaid labels stay short. */
  private static String simpleNames(JsonNode errors) {
    List<String> names = new ArrayList<>();
    for (JsonNode error : errors) {
      String text = error.asText();
      names.add(text.startsWith("States.") ? text : text.substring(text.lastIndexOf('.') + 1));
    }
    return String.join(" ", names);
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw new IllegalArgumentException("the definition has no " + field + " where expected");
    }
    return value;
  }
}
