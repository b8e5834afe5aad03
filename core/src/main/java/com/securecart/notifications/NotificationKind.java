package com.securecart.notifications;

/** The customer e-mails SecureCart sends about an order. */
public enum NotificationKind {
  ORDER_CONFIRMATION,
  PAYMENT_FAILED
}
