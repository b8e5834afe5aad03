package com.securecart.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

  @ParameterizedTest
  @CsvSource({
    "alice@example.com, alice@example.com",
    "Alice.Smith@Example.COM, alice.smith@example.com",
    "BOB+shop@Sub.Example.Co.UK, bob+shop@sub.example.co.uk",
    "'  carol@example.org  ', carol@example.org",
    "d-1_x@mail-1.example.io, d-1_x@mail-1.example.io",
  })
  void normalisesValidAddressesToStrippedLowerCase(String input, String expected) {
    assertThat(EmailAddress.normalise("email", input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "plain",
        "@example.com",
        "alice@",
        "alice@example",
        "alice@@example.com",
        "ali@ce@example.com",
        "ali ce@example.com",
        "alice@exa mple.com",
        "alice@-example.com",
        "alice@.example.com",
        "alice@example.c",
        "alice@example.c0m",
        "alice@example.com.",
        "ali\u0000ce@example.com",
        "alice@exam_ple.com",
      })
  void rejectsInvalidShapes(String input) {
    assertThatThrownBy(() -> EmailAddress.normalise("email", input))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.fieldErrors()).containsEntry("email", "must be an e-mail address"));
  }

  @Test
  void isRequired() {
    assertThatThrownBy(() -> EmailAddress.normalise("email", null))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.fieldErrors()).containsEntry("email", "is required"));
  }

  @Test
  void namesTheFieldItWasGiven() {
    assertThatThrownBy(() -> EmailAddress.normalise("contact", "nope"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.fieldErrors()).containsOnlyKeys("contact"));
  }

  @Test
  void localPartIsAtMost64Characters() {
    assertThat(EmailAddress.normalise("email", "x".repeat(64) + "@example.com")).startsWith("xxx");
    assertThatThrownBy(() -> EmailAddress.normalise("email", "x".repeat(65) + "@example.com"))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void acceptsAnAddressOfExactly254Characters() {
    String email = addressOfLength(254);

    assertThat(email).hasSize(254);
    assertThat(EmailAddress.normalise("email", email)).isEqualTo(email);
  }

  @Test
  void rejectsAnAddressLongerThan254CharactersThatOtherwiseHasAValidShape() {
    String email = addressOfLength(255);

    assertThat(email).hasSize(255);
    assertThatThrownBy(() -> EmailAddress.normalise("email", email))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.fieldErrors()).containsEntry("email", "must be an e-mail address"));
  }

  @Test
  void theLengthLimitAppliesAfterStripping() {
    String email = addressOfLength(254);

    assertThat(EmailAddress.normalise("email", "  " + email + "  ")).isEqualTo(email);
  }

  /**
   * A 64-character local part and a domain of labels that each fit the shape, padded to {@code
   * length}.
   */
  private static String addressOfLength(int length) {
    String local = "x".repeat(64);
    int domainLength = length - local.length() - 1;
    StringBuilder domain = new StringBuilder();
    while (domainLength - domain.length() > 63) {
      domain.append("d".repeat(50)).append('.');
    }
    domain.append("c".repeat(domainLength - domain.length()));
    return local + "@" + domain;
  }
}
