package com.securecart.server.http;

import com.securecart.shared.DomainException;

/**
 * Input the HTTP layer itself refuses: a malformed body, a missing header, a bad path or query
 * parameter.
 */
public final class BadRequest extends DomainException {
  public BadRequest(String type, String title, String detail) {
    super(Kind.INVALID, type, title, detail);
  }
}
