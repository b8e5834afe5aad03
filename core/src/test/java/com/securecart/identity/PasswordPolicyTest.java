package com.securecart.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;
import com.securecart.shared.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policy's own logic, with a stand-in estimator; zxcvbn's verdicts: ZxcvbnPasswordPolicyTest.
 */
class PasswordPolicyTest {
  private final KnownPasswordsStrength strength = new KnownPasswordsStrength();
  private final PasswordPolicy policy = new PasswordPolicy(strength);

  @ParameterizedTest
  @ValueSource(strings = {"password", "12345678", "qwerty123", "letmein!"})
  void refusesWhatTheEstimatorScoresBelowThree(String password) {
    assertThatThrownBy(() -> policy.check(password, "bob@example.com", "Bob"))
        .isInstanceOfSatisfying(
            WeakPasswordException.class,
            e -> {
              assertThat(e.problemType()).isEqualTo(ProblemType.WEAK_PASSWORD);
              assertThat(e.type()).isEqualTo("weak-password");
              assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE);
              // The estimator's fixed sentences only: never the password itself.
              assertThat(e.detail())
                  .isEqualTo("This is a top-10 common password. Add another word or two.");
            });
  }

  @Test
  void acceptsAStrongPassword() {
    assertThatCode(() -> policy.check("correct horse battery staple", "bob@example.com", "Bob"))
        .doesNotThrowAnyException();
  }

  @Test
  void theThresholdIsThree() {
    PasswordPolicy scoresTwo =
        new PasswordPolicy((p, inputs) -> new PasswordStrength.Estimate(2, "", List.of()));
    PasswordPolicy scoresThree =
        new PasswordPolicy((p, inputs) -> new PasswordStrength.Estimate(3, "", List.of()));

    assertThat(PasswordPolicy.MIN_SCORE).isEqualTo(3);
    assertThatThrownBy(() -> scoresTwo.check("anything long", "bob@example.com", "Bob"))
        .isInstanceOf(WeakPasswordException.class)
        // Without a warning of the estimator's own, a general one and a way forward.
        .hasMessage(
            "This password is too easy to guess. Try a longer passphrase of several uncommon"
                + " words.");
    assertThatCode(() -> scoresThree.check("anything long", "bob@example.com", "Bob"))
        .doesNotThrowAnyException();
  }

  @Test
  void theUsersOwnDetailsAndTheShopsNameAreKnownToTheAttacker() {
    assertThatThrownBy(
            () -> policy.check("Okonkwo-Marguerite", "marguerite.okonkwo@example.com", "Someone"))
        .isInstanceOf(WeakPasswordException.class);
    assertThatThrownBy(() -> policy.check("my securecart pw", "bob@example.com", "Bob"))
        .isInstanceOf(WeakPasswordException.class);

    assertThat(PasswordPolicy.userInputs(" Alice.Smith@Example.COM ", " Alice  Smith "))
        .containsExactly(
            "alice.smith@example.com",
            "alice.smith",
            "alice",
            "smith",
            "alice  smith",
            "securecart",
            "secure cart")
        .doesNotContain("");
    assertThat(PasswordPolicy.userInputs(null, null)).containsExactly("securecart", "secure cart");
  }

  @Test
  void theLengthBoundsComeFirstWithAClearCap() {
    assertThatThrownBy(() -> policy.check("1234567", "bob@example.com", "Bob"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("password", "must be 8 to 128 characters"));
    assertThatThrownBy(() -> policy.check("a".repeat(129), "bob@example.com", "Bob"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("password", "must be 8 to 128 characters"));
    // Passphrases far past 64 characters are welcome, and never truncated.
    String long128 = "a long passphrase of ordinary words ".repeat(4).substring(0, 128);
    assertThatCode(() -> policy.check(long128, "bob@example.com", "Bob"))
        .doesNotThrowAnyException();
  }
}
