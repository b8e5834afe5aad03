package com.securecart.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import com.securecart.testing.InMemoryPaymentRepository;
import com.securecart.testing.MutableClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentsApiTest {
  private static final OrderId ORDER = new OrderId(42);
  private static final Money AMOUNT = Money.of(12_399, "EUR");

  /** A provider that answers from a script and records every call. */
  private static final class ScriptedProvider implements PaymentProvider {
    final Deque<Object> answers = new ArrayDeque<>();
    final List<String> authorizeCalls = new ArrayList<>();
    final List<String> voidCalls = new ArrayList<>();
    final List<String> captureCalls = new ArrayList<>();

    ScriptedProvider then(Object answer) {
      answers.add(answer);
      return this;
    }

    @Override
    public AuthorizationResult authorize(String idempotencyKey, Money amount, String paymentToken) {
      authorizeCalls.add(idempotencyKey + "|" + amount.cents() + "|" + paymentToken);
      Object answer = answers.remove();
      if (answer instanceof RuntimeException e) {
        throw e;
      }
      return (AuthorizationResult) answer;
    }

    @Override
    public boolean capture(String idempotencyKey, String authorizationId, Money amount) {
      captureCalls.add(idempotencyKey + "|" + authorizationId + "|" + amount.cents());
      return true;
    }

    @Override
    public void voidAuthorization(String idempotencyKey, String authorizationId) {
      voidCalls.add(idempotencyKey + "|" + authorizationId);
    }
  }

  private final ScriptedProvider provider = new ScriptedProvider();
  private final InMemoryPaymentRepository repository = new InMemoryPaymentRepository();
  private final PaymentsApi payments =
      new PaymentsApi(provider, repository, MutableClock.at("2025-03-01T10:00:00Z"));

  @Test
  void anApprovalUsesAStablePerOrderIdempotencyKeyAndIsRecordedByTheCaller() {
    provider.then(new AuthorizationResult.Approved("auth_1"));

    AuthorizationResult result = payments.authorize(ORDER, AMOUNT, "tok_visa");
    assertThat(payments.authorization(ORDER)).isEmpty();
    payments.record(ORDER, "auth_1", AMOUNT);

    assertThat(result).isEqualTo(new AuthorizationResult.Approved("auth_1"));
    assertThat(provider.authorizeCalls).containsExactly("order-42-authorize|12399|tok_visa");
    assertThat(payments.authorization(ORDER))
        .contains(
            new Authorization(ORDER, "auth_1", AMOUNT, Authorization.Status.AUTHORIZED, null));
  }

  @Test
  void aSecondAuthorizeReturnsTheRecordedAuthorizationWithoutAskingTheProvider() {
    provider.then(new AuthorizationResult.Approved("auth_1"));
    payments.authorize(ORDER, AMOUNT, "tok_visa");
    payments.record(ORDER, "auth_1", AMOUNT);

    AuthorizationResult again = payments.authorize(ORDER, AMOUNT, "tok_visa");

    assertThat(again).isEqualTo(new AuthorizationResult.Approved("auth_1"));
    assertThat(provider.authorizeCalls).hasSize(1);
  }

  @Test
  void aDeclineIsNotRecorded() {
    provider.then(new AuthorizationResult.Declined("card declined"));

    AuthorizationResult result = payments.authorize(ORDER, AMOUNT, "tok_chargeDeclined");

    assertThat(result).isEqualTo(new AuthorizationResult.Declined("card declined"));
    assertThat(payments.authorization(ORDER)).isEmpty();
  }

  @Test
  void anUnavailableProviderPropagatesAndRecordsNothing() {
    provider.then(new PaymentUnavailableException("timeout"));
    provider.then(new AuthorizationResult.Approved("auth_1"));

    assertThatThrownBy(() -> payments.authorize(ORDER, AMOUNT, "tok_visa"))
        .isInstanceOf(PaymentUnavailableException.class);
    assertThat(payments.authorization(ORDER)).isEmpty();

    assertThat(payments.authorize(ORDER, AMOUNT, "tok_visa"))
        .isEqualTo(new AuthorizationResult.Approved("auth_1"));
    assertThat(provider.authorizeCalls)
        .containsExactly("order-42-authorize|12399|tok_visa", "order-42-authorize|12399|tok_visa");
  }

  @Test
  void withTheSandboxRetriesNeverAuthorizeTwice() {
    SandboxPaymentProvider sandbox = new SandboxPaymentProvider();
    PaymentsApi api =
        new PaymentsApi(
            sandbox, new InMemoryPaymentRepository(), MutableClock.at("2025-03-01T10:00:00Z"));

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> api.authorize(ORDER, AMOUNT, "tok_processingError"))
          .isInstanceOf(PaymentUnavailableException.class);
    }
    AuthorizationResult first = api.authorize(ORDER, AMOUNT, "tok_processingError");
    AuthorizationResult second = api.authorize(ORDER, AMOUNT, "tok_processingError");

    assertThat(first).isInstanceOf(AuthorizationResult.Approved.class).isEqualTo(second);
    assertThat(sandbox.approvedCount()).isEqualTo(1);
  }

  @Test
  void voidForVoidsTheAuthorizationOnce() {
    provider.then(new AuthorizationResult.Approved("auth_1"));
    payments.authorize(ORDER, AMOUNT, "tok_visa");
    payments.record(ORDER, "auth_1", AMOUNT);

    payments.voidFor(ORDER);
    payments.voidFor(ORDER);

    assertThat(provider.voidCalls).containsExactly("order-42-cancel|auth_1");
    assertThat(payments.authorization(ORDER))
        .map(Authorization::status)
        .contains(Authorization.Status.VOIDED);
  }

  @Test
  void voidForWithoutAnAuthorizationDoesNothing() {
    payments.voidFor(ORDER);

    assertThat(provider.voidCalls).isEmpty();
    assertThat(payments.authorization(ORDER)).isEmpty();
  }

  @Test
  void voidForOnlyTouchesTheGivenOrder() {
    provider.then(new AuthorizationResult.Approved("auth_1"));
    provider.then(new AuthorizationResult.Approved("auth_2"));
    payments.authorize(ORDER, AMOUNT, "tok_visa");
    payments.record(ORDER, "auth_1", AMOUNT);
    payments.authorize(new OrderId(43), AMOUNT, "tok_visa");
    payments.record(new OrderId(43), "auth_2", AMOUNT);

    payments.voidFor(new OrderId(43));

    assertThat(provider.voidCalls).containsExactly("order-43-cancel|auth_2");
    assertThat(payments.authorization(ORDER))
        .map(Authorization::status)
        .contains(Authorization.Status.AUTHORIZED);
  }

  @Test
  void aRequiredActionIsRecordedAndReturnedAgainWithoutAskingTheProvider() {
    AuthorizationResult.RequiresAction action =
        new AuthorizationResult.RequiresAction("pi_1", "pi_1_secret_x");
    provider.then(action);

    assertThat(payments.authorize(ORDER, AMOUNT, "pm_card")).isEqualTo(action);
    payments.recordActionRequired(ORDER, action, AMOUNT);

    assertThat(payments.authorize(ORDER, AMOUNT, "pm_card")).isEqualTo(action);
    assertThat(payments.pendingAction(ORDER)).contains(action);
    assertThat(payments.awaitingAction("pi_1")).contains(ORDER);
    assertThat(provider.authorizeCalls).hasSize(1);
  }

  @Test
  void settlingAnActionAuthorizesOnceAndDropsTheClientSecret() {
    AuthorizationResult.RequiresAction action =
        new AuthorizationResult.RequiresAction("pi_1", "pi_1_secret_x");
    payments.recordActionRequired(ORDER, action, AMOUNT);

    assertThat(payments.settleAction(ORDER, PaymentEvent.Outcome.AUTHORIZED)).isTrue();
    assertThat(payments.settleAction(ORDER, PaymentEvent.Outcome.FAILED)).isFalse();

    assertThat(payments.authorization(ORDER))
        .contains(new Authorization(ORDER, "pi_1", AMOUNT, Authorization.Status.AUTHORIZED, null));
    assertThat(payments.pendingAction(ORDER)).isEmpty();
    assertThat(payments.awaitingAction("pi_1")).isEmpty();
  }

  @Test
  void captureUsesTheOrdersCaptureKeyAndIsNotRepeatedOnceRecorded() {
    payments.record(ORDER, "auth_1", AMOUNT);

    assertThat(payments.capture(ORDER)).isTrue();
    payments.recordCapture(ORDER);
    assertThat(payments.capture(ORDER)).isTrue();

    assertThat(provider.captureCalls).containsExactly("order-42-capture|auth_1|12399");
    payments.voidFor(ORDER);
    assertThat(provider.voidCalls).isEmpty();
  }

  @Test
  void voidForCancelsAPaymentThatStillWaitsForTheShopper() {
    payments.recordActionRequired(
        ORDER, new AuthorizationResult.RequiresAction("pi_1", "pi_1_secret_x"), AMOUNT);

    payments.voidFor(ORDER);

    assertThat(provider.voidCalls).containsExactly("order-42-cancel|pi_1");
    assertThat(payments.capture(ORDER)).isFalse();
  }
}
