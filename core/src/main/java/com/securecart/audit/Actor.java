package com.securecart.audit;

import com.securecart.shared.Check;

/**
 * Who made a change, as the request tells it: the staff account, the client address and the trace
 * id. Built once per request by the server; everything an entry needs besides the change itself.
 *
 * @param traceId the W3C trace id (32 hex digits), or null when the request was not traced
 */
public record Actor(long accountId, String email, String clientAddress, String traceId) {
  public Actor {
    Check.range("accountId", accountId, 1, Long.MAX_VALUE);
    email = Check.text("email", email, 3, 254);
    clientAddress = Check.text("clientAddress", clientAddress, 1, 64);
    traceId = Check.optionalText("traceId", traceId, 32);
  }
}
