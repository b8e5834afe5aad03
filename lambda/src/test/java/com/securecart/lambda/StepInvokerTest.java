package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.payments.SandboxPaymentProvider;
import com.securecart.pipeline.PermanentStepFailure;
import com.securecart.shared.DomainException;
import com.securecart.shared.Money;
import com.securecart.shared.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** How a step's failure maps onto the exception types the state machine tells apart. */
class StepInvokerTest {

  @Test
  void aBusinessRefusalFailsTheStepForGood() {
    RuntimeException refused = DomainException.notFound("order 7");

    assertThat(StepInvoker.classify(refused))
        .isInstanceOf(StepFailedException.class)
        .hasCause(refused)
        .hasMessage("DomainException: order 7 was not found");
  }

  @Test
  void theCoresPermanentFailureFailsTheStepForGood() {
    RuntimeException permanent = new PermanentStepFailure("no such card");

    assertThat(StepInvoker.classify(permanent)).isInstanceOf(StepFailedException.class);
  }

  @Test
  void theProviderOrTheDatabaseBeingAwayIsTransient() {
    RuntimeException providerDown =
        catchProviderError(new SandboxPaymentProvider(), "tok_processingError");
    RuntimeException storeDown = new StoreUnavailableException(new SQLException("gone", "08006"));
    RuntimeException poolTimeout =
        new IllegalStateException("wrapped", new SQLTransientConnectionException("timeout"));
    RuntimeException deadlock =
        new IllegalStateException("wrapped", new SQLException("deadlock", "40P01"));

    assertThat(StepInvoker.classify(providerDown)).isInstanceOf(TransientStepException.class);
    assertThat(StepInvoker.classify(storeDown)).isInstanceOf(TransientStepException.class);
    assertThat(StepInvoker.classify(poolTimeout)).isInstanceOf(TransientStepException.class);
    assertThat(StepInvoker.classify(deadlock)).isInstanceOf(TransientStepException.class);
  }

  @Test
  void anythingElseKeepsItsOwnTypeSoThatItIsNotRetried() {
    RuntimeException bug = new NullPointerException("bug");
    RuntimeException constraint =
        new IllegalStateException("wrapped", new SQLException("duplicate", "23505"));

    assertThat(StepInvoker.classify(bug)).isSameAs(bug);
    assertThat(StepInvoker.classify(constraint)).isSameAs(constraint);
  }

  private static RuntimeException catchProviderError(SandboxPaymentProvider sandbox, String token) {
    try {
      sandbox.authorize("order-1", Money.of(100, "EUR"), token);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the sandbox did not fail for " + token);
  }
}
