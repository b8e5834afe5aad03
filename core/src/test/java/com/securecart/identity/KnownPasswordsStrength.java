package com.securecart.identity;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A stand-in for zxcvbn in unit tests: a few well-known passwords score 0, a password that contains
 * one of the user inputs scores 1, anything else 4. Records the last user inputs it was given.
 */
final class KnownPasswordsStrength implements PasswordStrength {
  static final Set<String> KNOWN = Set.of("password", "12345678", "qwerty123", "letmein!");

  List<String> lastUserInputs = List.of();

  @Override
  public Estimate estimate(String password, List<String> userInputs) {
    lastUserInputs = List.copyOf(userInputs);
    String lower = password.toLowerCase(Locale.ROOT);
    if (KNOWN.contains(lower)) {
      return new Estimate(
          0, "This is a top-10 common password.", List.of("Add another word or two."));
    }
    if (userInputs.stream().anyMatch(lower::contains)) {
      return new Estimate(1, "", List.of("Add another word or two."));
    }
    return new Estimate(4, "", List.of());
  }
}
