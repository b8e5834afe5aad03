package com.securecart.lambda.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The infra module deploys a committed copy of the state machine's definition (it must not depend
 * on this module at compile time). This test fails when that copy no longer matches what {@link
 * StateMachineDefinition} produces, and says how to regenerate it.
 */
class CommittedDefinitionTest {
  /** The placeholder the infra stack substitutes with each function's {@code live} alias ARN. */
  static final String PLACEHOLDER = "${FunctionArnPrefix}";

  static final Path COMMITTED =
      Path.of("..", "infra", "src", "main", "resources", "pipeline", "state-machine.asl.json");

  @Test
  void theInfraCopyOfTheDefinitionIsCurrent() throws Exception {
    String now = StateMachineDefinition.json(PipelineCommand.definition(PLACEHOLDER)) + "\n";
    assertThat(Files.readString(COMMITTED))
        .as(
            "infra's state-machine.asl.json is stale; regenerate it: ./mvnw -q -pl lambda -am"
                + " package -DskipTests && java -cp lambda/target/securecart-lambda-*-aws.jar:<h2"
                + " jar> com.securecart.lambda.asl.PipelineCommand asl --arn-prefix"
                + " '${FunctionArnPrefix}' > "
                + "infra/src/main/resources/pipeline/state-machine.asl.json")
        .isEqualTo(now);
  }
}
