package com.securecart.notifications;

import java.util.Objects;

/**
 * A rendered message. {@code messageId} is derived from the order and kind, so that even a message
 * sent twice by a crash between send and record carries the same Message-ID and mail clients show
 * it once.
 */
public record EmailMessage(String to, String subject, String html, String text, String messageId) {
  public EmailMessage {
    Objects.requireNonNull(to);
    Objects.requireNonNull(subject);
    Objects.requireNonNull(html);
    Objects.requireNonNull(text);
    Objects.requireNonNull(messageId);
  }

  @Override
  public String toString() {
    return "EmailMessage[subject=" + subject + ", messageId=" + messageId + "]";
  }
}
