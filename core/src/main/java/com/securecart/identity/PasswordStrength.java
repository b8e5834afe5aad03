package com.securecart.identity;

import java.util.List;

/**
 * Port to an offline password-strength estimator (zxcvbn in production): how many guesses an
 * attacker who knows common passwords, names, words, keyboard patterns, dates and the user's own
 * details would need. Nothing leaves the process.
 */
public interface PasswordStrength {

  /**
   * Estimates {@code password}, counting any of {@code userInputs} (the user's e-mail, name, the
   * shop's name) that it contains as trivially guessable.
   */
  Estimate estimate(String password, List<String> userInputs);

  /**
   * zxcvbn's score from 0 (too guessable) to 4 (very unguessable), with its feedback: a warning
   * (empty when it has none) and suggestions, fixed sentences that never quote the password.
   */
  record Estimate(int score, String warning, List<String> suggestions) {
    public Estimate {
      if (score < 0 || score > 4) {
        throw new IllegalArgumentException("score must be 0 to 4: " + score);
      }
      warning = warning == null ? "" : warning.strip();
      suggestions = List.copyOf(suggestions);
    }
  }
}
