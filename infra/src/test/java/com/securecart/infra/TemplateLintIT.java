package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** cfn-lint (AWS's CloudFormation linter) finds no error in any synthesized template. */
class TemplateLintIT {
  @Test
  void noTemplateHasALintError() {
    String lint = Tools.cfnLint();
    List<Path> templates = Tools.templates(Synth.defaults().outdir());
    assertThat(templates).hasSizeGreaterThanOrEqualTo(7);
    List<String> command = new ArrayList<>(List.of(lint, "--format", "parseable", "--"));
    templates.forEach(t -> command.add(t.toString()));
    Tools.Result result = Tools.run(command);
    // Exit code bits: 2 = an error, 4 = a warning, 8 = informational. Errors fail; warnings are
    // printed for a person to read.
    List<String> errors = result.output().lines().filter(l -> l.matches(".*:E\\d+:.*")).toList();
    assertThat(errors).as(result.output()).isEmpty();
    assertThat(result.exitCode() & 2).as(result.output()).isZero();
  }
}
