package com.securecart.identity;

import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;

/**
 * A wrong or reused one-time code. The caller is answered exactly like a wrong password ({@code
 * invalid-credentials}); the type exists so that the server can log it as an MFA failure.
 */
public final class MfaFailedException extends DomainException {
  MfaFailedException() {
    super(
        Kind.UNAUTHENTICATED,
        ProblemType.INVALID_CREDENTIALS,
        "Invalid credentials",
        "E-mail, password or one-time code is wrong");
  }
}
