package com.securecart.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * ASVS 5.0 V6.2: a password is 8 to 128 characters of anything, never truncated, with no
 * composition rules (see {@link Password}), and it must not be easy to guess: the estimator's score
 * must be at least {@link #MIN_SCORE}, with the account's own e-mail and name and the shop's name
 * counted as known to the attacker. Common and breached passwords from the estimator's frequency
 * lists ({@code password}, {@code 12345678}, {@code qwerty123}) score 0 or 1.
 */
public final class PasswordPolicy {
  /**
   * zxcvbn's 3: "safely unguessable", an estimated 10^8 guesses or more; with Argon2id hashes an
   * offline attacker needs years of one GPU per account, and online guessing is rate limited.
   */
  public static final int MIN_SCORE = 3;

  /** Words an attacker targeting this shop tries first. */
  static final List<String> SITE_WORDS = List.of("securecart", "secure cart");

  private static final String GENERIC_WARNING = "This password is too easy to guess.";

  private final PasswordStrength strength;

  public PasswordPolicy(PasswordStrength strength) {
    this.strength = Objects.requireNonNull(strength, "strength");
  }

  /** Refuses the registration's password if it is too easy to guess. */
  public void check(Registration registration) {
    check(registration.password(), registration.email(), registration.name());
  }

  /**
   * Refuses {@code password} (already within {@link Password}'s length bounds) if it is too easy to
   * guess for the account with this e-mail and name.
   *
   * @throws WeakPasswordException with the estimator's advice
   */
  public void check(String password, String email, String name) {
    Password.check(password);
    PasswordStrength.Estimate estimate = strength.estimate(password, userInputs(email, name));
    if (estimate.score() < MIN_SCORE) {
      throw new WeakPasswordException(detail(estimate));
    }
  }

  /**
   * The e-mail, its local part and that part's words, the name and its words, and the shop's name.
   */
  static List<String> userInputs(String email, String name) {
    Set<String> inputs = new LinkedHashSet<>();
    if (email != null && !email.isBlank()) {
      String normalised = email.strip().toLowerCase(Locale.ROOT);
      inputs.add(normalised);
      int at = normalised.lastIndexOf('@');
      String local = at > 0 ? normalised.substring(0, at) : normalised;
      inputs.add(local);
      addWords(inputs, local);
    }
    if (name != null && !name.isBlank()) {
      inputs.add(name.strip().toLowerCase(Locale.ROOT));
      addWords(inputs, name.toLowerCase(Locale.ROOT));
    }
    inputs.addAll(SITE_WORDS);
    return new ArrayList<>(inputs);
  }

  private static void addWords(Set<String> inputs, String text) {
    for (String word : text.split("[^\\p{L}\\p{N}]+")) {
      if (word.length() >= 3) {
        inputs.add(word);
      }
    }
  }

  private static String detail(PasswordStrength.Estimate estimate) {
    StringBuilder detail =
        new StringBuilder(estimate.warning().isEmpty() ? GENERIC_WARNING : estimate.warning());
    for (String suggestion : estimate.suggestions()) {
      detail.append(' ').append(suggestion.strip());
    }
    if (estimate.suggestions().isEmpty()) {
      detail.append(" Try a longer passphrase of several uncommon words.");
    }
    return detail.toString();
  }
}
