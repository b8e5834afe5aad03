package com.securecart.identity;

import com.securecart.shared.ValidationException;

/** Password rules: 8 to 128 characters (code points), anything else allowed, never trimmed. */
final class Password {
  static final int MIN = 8;
  static final int MAX = 128;

  private Password() {}

  static String check(String password) {
    if (password == null) {
      throw new ValidationException("password", "is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN || length > MAX) {
      throw new ValidationException("password", "must be " + MIN + " to " + MAX + " characters");
    }
    return password;
  }
}
