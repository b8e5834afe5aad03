package com.securecart.app.mail;

import com.securecart.app.MailSettings;
import com.securecart.notifications.EmailMessage;
import com.securecart.notifications.Mailer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Sends multipart (plain text + HTML) messages over SMTP. Failures throw, and the pipeline retries.
 * With TLS required it is also the Amazon SES transport (its SMTP interface, docs/adr/0017). The
 * certificate is checked against the JVM's trust store.
 */
public final class SmtpMailer implements Mailer {
  private final Session session;
  private final MailSettings smtp;

  public SmtpMailer(MailSettings smtp) {
    this.smtp = smtp;
    Properties props = new Properties();
    props.put("mail.smtp.host", smtp.host());
    props.put("mail.smtp.port", String.valueOf(smtp.port()));
    switch (smtp.tls()) {
      case NONE -> {}
      case STARTTLS -> props.put("mail.smtp.starttls.enable", "true");
      case STARTTLS_REQUIRED -> {
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
      }
      case IMPLICIT -> props.put("mail.smtp.ssl.enable", "true");
    }
    if (smtp.tls() != MailSettings.Tls.NONE) {
      // The certificate must name the host (Angus's default too, stated so that nobody turns it
      // off): TLS to an impostor would hand it the SMTP credentials.
      props.put("mail.smtp.ssl.checkserveridentity", "true");
    }
    props.put("mail.smtp.auth", String.valueOf(smtp.user() != null));
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "10000");
    props.put("mail.smtp.writetimeout", "10000");
    this.session = Session.getInstance(props);
  }

  @Override
  public void send(EmailMessage message) {
    try {
      MimeMessage mime =
          new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
              // A stable id per order and kind: a resend after a crash is recognisably the same
              // message.
              setHeader("Message-ID", message.messageId());
            }
          };
      mime.setFrom(new InternetAddress(smtp.from()));
      mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(message.to(), true));
      mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
      MimeBodyPart text = new MimeBodyPart();
      text.setText(message.text(), StandardCharsets.UTF_8.name());
      MimeBodyPart html = new MimeBodyPart();
      html.setContent(message.html(), "text/html; charset=UTF-8");
      MimeMultipart body = new MimeMultipart("alternative", text, html);
      mime.setContent(body);
      if (smtp.user() != null) {
        Transport.send(mime, smtp.user(), smtp.password());
      } else {
        Transport.send(mime);
      }
    } catch (MessagingException e) {
      throw new IllegalStateException("SMTP send failed: " + e.getClass().getSimpleName(), e);
    }
  }
}
