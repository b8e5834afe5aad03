package com.securecart.app.security;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.securecart.identity.PasswordStrength;
import java.util.List;
import java.util.Locale;

/**
 * zxcvbn4j: estimates guesses offline from its bundled frequency lists (common and breached
 * passwords, names, English words), keyboard patterns, sequences, repeats and dates. The feedback
 * is taken in English, the language of the shop's other messages.
 */
public final class ZxcvbnPasswordStrength implements PasswordStrength {
  // Immutable once built (its dictionaries are read once, about 60 ms); safe to share.
  private final Zxcvbn zxcvbn = new Zxcvbn();

  @Override
  public Estimate estimate(String password, List<String> userInputs) {
    Strength strength = zxcvbn.measure(password, userInputs);
    Feedback feedback = strength.getFeedback();
    return new Estimate(
        strength.getScore(),
        feedback.getWarning(Locale.ENGLISH),
        feedback.getSuggestions(Locale.ENGLISH));
  }
}
