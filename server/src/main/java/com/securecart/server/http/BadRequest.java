package com.securecart.server.http;

import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;

/**
 * Input the HTTP layer itself refuses: a malformed body, a missing header, a bad path or query
 * parameter.
 */
public final class BadRequest extends DomainException {
  public BadRequest(ProblemType type, String title, String detail) {
    super(Kind.INVALID, type, title, detail);
  }
}
