package com.securecart.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.identity.PasswordPolicy;
import com.securecart.identity.WeakPasswordException;
import com.securecart.shared.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The password policy as production runs it: with zxcvbn's frequency lists. */
class ZxcvbnPasswordPolicyTest {
  private static final ZxcvbnPasswordStrength ZXCVBN = new ZxcvbnPasswordStrength();
  private final PasswordPolicy policy = new PasswordPolicy(ZXCVBN);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password",
        "12345678",
        "qwerty123",
        "letmein!",
        "Password1",
        "iloveyou",
        "P@ssw0rd",
        "11111111",
        "abcdefgh"
      })
  void refusesCommonAndBreachedPasswords(String password) {
    assertThatThrownBy(() -> policy.check(password, "bob@example.com", "Bob"))
        .isInstanceOfSatisfying(
            WeakPasswordException.class,
            e -> {
              assertThat(e.type()).isEqualTo("weak-password");
              assertThat(e.detail()).isNotBlank();
              if (!password.equals("password")) { // zxcvbn's sentences use the word itself
                assertThat(e.detail()).doesNotContain(password);
              }
            });
  }

  @Test
  void explainsWithZxcvbnsFeedback() {
    assertThatThrownBy(() -> policy.check("12345678", "bob@example.com", "Bob"))
        .hasMessage(
            "This is a top-10 common password. Add another word or two. Uncommon words are"
                + " better.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "correct horse battery staple",
        "correct horse battery",
        "violet kettle at dawn 42",
        "Zebra-Quill-Marmot-77"
      })
  void acceptsPassphrases(String password) {
    assertThatCode(() -> policy.check(password, "bob@example.com", "Bob"))
        .doesNotThrowAnyException();
  }

  @Test
  void theUsersOwnEmailAndNameCount() {
    // Strong for anybody else (zxcvbn scores them 4 and 3 without user inputs) ...
    assertThat(ZXCVBN.estimate("marguerite.okonkwo", List.of()).score()).isEqualTo(4);
    assertThat(ZXCVBN.estimate("Okonkwo1987", List.of()).score()).isEqualTo(3);
    assertThatCode(() -> policy.check("marguerite.okonkwo", "bob@example.com", "Bob"))
        .doesNotThrowAnyException();
    // ... but not for her.
    for (String own : List.of("marguerite.okonkwo", "Okonkwo1987", "okonkwo2024!")) {
      assertThatThrownBy(
              () -> policy.check(own, "marguerite.okonkwo@example.com", "Marguerite Okonkwo"))
          .as(own)
          .isInstanceOf(WeakPasswordException.class);
    }
    assertThatThrownBy(() -> policy.check("alice2024!", "alice@example.com", "Alice"))
        .isInstanceOf(WeakPasswordException.class);
    assertThatThrownBy(() -> policy.check("securecart2024", "bob@example.com", "Bob"))
        .isInstanceOf(WeakPasswordException.class);
  }

  @Test
  void lengthBounds() {
    String passphrase =
        "the quiet orchard keeps its apples under a copper moon while the river hums";
    assertThat(passphrase.length()).isGreaterThan(64);
    assertThatCode(() -> policy.check(passphrase, "bob@example.com", "Bob"))
        .doesNotThrowAnyException();

    String longest =
        (passphrase + " and the ferry waits for nobody at all, not even the mayor")
            .substring(0, 128);
    assertThatCode(() -> policy.check(longest, "bob@example.com", "Bob"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> policy.check(longest + "x", "bob@example.com", "Bob"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fieldErrors())
                    .containsEntry("password", "must be 8 to 128 characters"));
    assertThatThrownBy(() -> policy.check("a".repeat(256), "bob@example.com", "Bob"))
        .isInstanceOf(ValidationException.class);
    // Long is not enough: a repeated character is refused at any length.
    assertThatThrownBy(() -> policy.check("x".repeat(128), "bob@example.com", "Bob"))
        .isInstanceOf(WeakPasswordException.class);
  }
}
