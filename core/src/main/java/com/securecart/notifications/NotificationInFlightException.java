package com.securecart.notifications;

/**
 * Another sender holds a fresh claim on this e-mail and has not recorded it as sent yet. Retry
 * later: by then it was sent (nothing to do), or its send failed and the claim was given back (then
 * this one sends). Reporting success instead would drop this copy of the work, and the e-mail with
 * it if the other sender's send fails.
 */
public final class NotificationInFlightException extends RuntimeException {
  public NotificationInFlightException(long orderId, NotificationKind kind) {
    super("notification " + kind + " of order " + orderId + " is being sent by another sender");
  }
}
