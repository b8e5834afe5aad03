package com.securecart.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxPaymentProviderTest {
  private static final Money AMOUNT = Money.of(12_399, "EUR");

  private final SandboxPaymentProvider sandbox = new SandboxPaymentProvider();

  @ParameterizedTest
  @ValueSource(strings = {"tok_visa", "tok_mastercard"})
  void testCardsApprove(String token) {
    AuthorizationResult result = sandbox.authorize("order-1", AMOUNT, token);

    assertThat(result)
        .isInstanceOfSatisfying(
            AuthorizationResult.Approved.class,
            a -> assertThat(a.authorizationId()).startsWith("sandbox_auth_"));
    assertThat(sandbox.approvedCount()).isEqualTo(1);
  }

  @Test
  void aRepeatedKeyReturnsTheSameAuthorizationAndApprovesOnce() {
    AuthorizationResult first = sandbox.authorize("order-1", AMOUNT, "tok_visa");
    AuthorizationResult second = sandbox.authorize("order-1", AMOUNT, "tok_visa");
    AuthorizationResult third = sandbox.authorize("order-1", AMOUNT, "tok_visa");

    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
    assertThat(sandbox.approvedCount()).isEqualTo(1);
  }

  @Test
  void aRepeatedKeyReturnsTheEarlierResultWhateverTheToken() {
    AuthorizationResult first = sandbox.authorize("order-1", AMOUNT, "tok_visa");

    assertThat(sandbox.authorize("order-1", AMOUNT, "tok_chargeDeclined")).isEqualTo(first);
    assertThat(sandbox.approvedCount()).isEqualTo(1);
  }

  @Test
  void differentKeysGetDifferentAuthorizations() {
    AuthorizationResult a = sandbox.authorize("order-1", AMOUNT, "tok_visa");
    AuthorizationResult b = sandbox.authorize("order-2", AMOUNT, "tok_visa");

    assertThat(a).isNotEqualTo(b);
    assertThat(sandbox.approvedCount()).isEqualTo(2);
  }

  @Test
  void chargeDeclinedDeclines() {
    AuthorizationResult result = sandbox.authorize("order-1", AMOUNT, "tok_chargeDeclined");

    assertThat(result).isEqualTo(new AuthorizationResult.Declined("card declined"));
    assertThat(sandbox.authorize("order-1", AMOUNT, "tok_chargeDeclined")).isEqualTo(result);
    assertThat(sandbox.approvedCount()).isZero();
  }

  @Test
  void processingErrorFailsTwicePerKeyThenApprovesOnce() {
    assertThatThrownBy(() -> sandbox.authorize("order-1", AMOUNT, "tok_processingError"))
        .isInstanceOf(PaymentUnavailableException.class);
    assertThatThrownBy(() -> sandbox.authorize("order-1", AMOUNT, "tok_processingError"))
        .isInstanceOf(PaymentUnavailableException.class);
    assertThat(sandbox.approvedCount()).isZero();

    AuthorizationResult third = sandbox.authorize("order-1", AMOUNT, "tok_processingError");
    AuthorizationResult fourth = sandbox.authorize("order-1", AMOUNT, "tok_processingError");

    assertThat(third).isInstanceOf(AuthorizationResult.Approved.class);
    assertThat(fourth).isEqualTo(third);
    assertThat(sandbox.approvedCount()).isEqualTo(1);
  }

  @Test
  void processingErrorsAreCountedPerKey() {
    assertThatThrownBy(() -> sandbox.authorize("order-1", AMOUNT, "tok_processingError"))
        .isInstanceOf(PaymentUnavailableException.class);
    assertThatThrownBy(() -> sandbox.authorize("order-1", AMOUNT, "tok_processingError"))
        .isInstanceOf(PaymentUnavailableException.class);

    assertThatThrownBy(() -> sandbox.authorize("order-2", AMOUNT, "tok_processingError"))
        .isInstanceOf(PaymentUnavailableException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tok_unknown", "", "TOK_VISA", "tok_visa ", "4242424242424242"})
  void anyOtherTokenDeclinesAsInvalid(String token) {
    assertThat(sandbox.authorize("order-1", AMOUNT, token))
        .isEqualTo(new AuthorizationResult.Declined("invalid payment token"));
    assertThat(sandbox.approvedCount()).isZero();
  }

  @Test
  void voidingIsRemembered() {
    AuthorizationResult.Approved approved =
        (AuthorizationResult.Approved) sandbox.authorize("order-1", AMOUNT, "tok_visa");

    assertThat(sandbox.isVoided(approved.authorizationId())).isFalse();
    sandbox.voidAuthorization("order-1-cancel", approved.authorizationId());
    sandbox.voidAuthorization("order-1-cancel", approved.authorizationId());

    assertThat(sandbox.isVoided(approved.authorizationId())).isTrue();
    assertThat(sandbox.isVoided("sandbox_auth_other")).isFalse();
  }
}
