package com.securecart.identity;

import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;

/**
 * A password that the policy refuses as too easy to guess (422 {@code weak-password}). The detail
 * is the estimator's advice; it never quotes the password.
 */
public final class WeakPasswordException extends DomainException {

  WeakPasswordException(String detail) {
    super(Kind.UNPROCESSABLE, ProblemType.WEAK_PASSWORD, "Password too easy to guess", detail);
  }
}
