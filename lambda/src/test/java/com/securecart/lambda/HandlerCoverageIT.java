package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.Contexts;
import com.securecart.pipeline.Step;
import com.securecart.server.testing.TestDatabases.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One handler and one compensation handler per orchestrated step of the wired pipeline, named as
 * the functions are (contract: {@code <PascalStep>Handler}, {@code
 * <PascalStep>CompensationHandler}), and none for the steps that notify (those run from SQS).
 */
class HandlerCoverageIT {

  @Test
  void everyOrchestratedStepHasItsHandlerAndItsCompensationHandler() throws Exception {
    try (LambdaShop shop = new LambdaShop(Engine.H2)) {
      List<Step> steps = shop.contexts.pipeline().steps();
      assertThat(steps.stream().filter(s -> !s.notifies())).hasSizeGreaterThanOrEqualTo(3);

      for (Step step : steps) {
        String pascal = pascal(step.name());
        if (step.notifies()) {
          assertThatThrownBy(() -> Class.forName("com.securecart.lambda." + pascal + "Handler"))
              .isInstanceOf(ClassNotFoundException.class);
          continue;
        }
        StepHandler handler =
            (StepHandler) construct("com.securecart.lambda." + pascal + "Handler", shop.contexts);
        CompensationHandler compensation =
            (CompensationHandler)
                construct("com.securecart.lambda." + pascal + "CompensationHandler", shop.contexts);
        assertThat(handler.stepName()).isEqualTo(step.name());
        assertThat(compensation.stepName()).isEqualTo(step.name());
      }
    }
  }

  private static Object construct(String name, Contexts contexts) throws Exception {
    return Class.forName(name).getConstructor(Contexts.class).newInstance(contexts);
  }

  /** authorize-payment → AuthorizePayment. */
  private static String pascal(String stepName) {
    StringBuilder out = new StringBuilder();
    for (String part : stepName.split("-")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }
}
