package com.securecart.app;

import com.securecart.identity.AccountMail;
import com.securecart.identity.AccountMailer;
import com.securecart.notifications.NotificationsApi;

/**
 * Sends account e-mails on a virtual thread of their own, so that a registration or reset request
 * answers as fast for an address with an account (a mail goes out) as for one without (none does):
 * the response time is no oracle. A mail lost to a crash is asked for again by its requester.
 */
final class BackgroundAccountMailer implements AccountMailer {
  private static final System.Logger LOG =
      System.getLogger(BackgroundAccountMailer.class.getName());

  private final NotificationsApi notifications;

  BackgroundAccountMailer(NotificationsApi notifications) {
    this.notifications = notifications;
  }

  @Override
  public void send(AccountMail mail) {
    Thread.ofVirtual()
        .name("account-mail")
        .start(
            () -> {
              try {
                notifications.sendAccountMail(mail);
              } catch (RuntimeException e) {
                // No address in the log: the kind says enough to find the transport's error.
                LOG.log(System.Logger.Level.WARNING, "account mail not sent: " + mail.kind(), e);
              }
            });
  }
}
