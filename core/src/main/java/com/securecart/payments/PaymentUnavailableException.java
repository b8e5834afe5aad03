package com.securecart.payments;

/** The provider could not answer this time; the same request may succeed later. */
public final class PaymentUnavailableException extends RuntimeException {
  public PaymentUnavailableException(String message) {
    super(message);
  }

  public PaymentUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
