package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SecureCart's own cfn-guard rules (infra/guard): what no cdk-nag pack checks (Graviton, Spot for
 * the analytics, SnapStart and tracing, ELB health checks, access logs). Every synthesized template
 * passes, every rule has something to check in the app, and a template written to break each rule
 * fails each one, so that a rule cannot pass by matching nothing.
 */
class PolicyGuardIT {
  private static final Path RULES = Path.of("guard", "securecart.guard");
  private static final Pattern LINE =
      Pattern.compile("securecart\\.guard/(\\S+)\\s+(PASS|FAIL|SKIP)");

  @Test
  void everyTemplatePassesAndEveryRuleFindsSomethingToCheck() {
    Path guard = Tools.cfnGuard();
    List<String> command =
        new ArrayList<>(List.of(guard.toString(), "validate", "-r", RULES.toString()));
    for (Path template : Tools.templates(Synth.defaults().outdir())) {
      command.add("-d");
      command.add(template.toString());
    }
    command.addAll(List.of("--show-summary", "all"));
    Tools.Result result = Tools.run(command);
    assertThat(result.output()).doesNotContain("FAIL");
    assertThat(result.exitCode()).as(result.output()).isZero();
    Set<String> passed = new HashSet<>();
    Matcher m = LINE.matcher(result.output());
    while (m.find()) {
      if (m.group(2).equals("PASS")) {
        passed.add(m.group(1));
      }
    }
    assertThat(passed).containsExactlyInAnyOrderElementsOf(rules());
  }

  @Test
  void aTemplateThatBreaksEachRuleFailsEachRule() throws Exception {
    Path bad = Path.of("src/test/resources/guard/noncompliant.template.json");
    Tools.Result result =
        Tools.run(
            List.of(
                Tools.cfnGuard().toString(),
                "validate",
                "-r",
                RULES.toString(),
                "-d",
                bad.toString(),
                "--show-summary",
                "all",
                "-o",
                "json"));
    assertThat(result.exitCode()).isNotZero();
    Set<String> failed = new HashSet<>();
    Matcher m = LINE.matcher(result.output());
    while (m.find()) {
      if (m.group(2).equals("FAIL")) {
        failed.add(m.group(1));
      }
    }
    assertThat(failed).containsExactlyInAnyOrderElementsOf(rules());
    JsonNode tree = new ObjectMapper().readTree(bad.toFile());
    assertThat(tree.path("Resources").size()).isGreaterThan(5);
  }

  private static Set<String> rules() {
    try {
      Set<String> names = new HashSet<>();
      Matcher m =
          Pattern.compile("(?m)^rule (\\S+)").matcher(java.nio.file.Files.readString(RULES));
      while (m.find()) {
        names.add(m.group(1));
      }
      assertThat(names).hasSizeGreaterThan(5);
      return names;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
