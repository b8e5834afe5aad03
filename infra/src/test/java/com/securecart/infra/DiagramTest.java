package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/aws.md's architecture picture is the one the templates give. */
class DiagramTest {
  @Test
  void docsCarryThePictureOfTheTemplates() throws Exception {
    String picture = Diagram.mermaid(new SeedTable.Templates(Synth.defaults().outdir()));
    assertThat(picture).contains("ALB + WAF", "Aurora PostgreSQL", "db.r7g.large");
    assertThat(Files.readString(Path.of("../docs/aws.md")))
        .as("docs/aws.md's picture; regenerate it with ./securecart aws synth")
        .contains("```mermaid\n" + picture + "```");
  }
}
