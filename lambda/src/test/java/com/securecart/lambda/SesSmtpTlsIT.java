package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.securecart.app.MailSettings;
import com.securecart.app.mail.SmtpMailer;
import com.securecart.notifications.EmailMessage;
import org.junit.jupiter.api.Test;

/** The mailer as SES's SMTP interface needs it: TLS or nothing is sent. */
class SesSmtpTlsIT {
  private static final EmailMessage MESSAGE =
      new EmailMessage(
          "ada@example.com", "Order SC-1", "<p>thanks</p>", "thanks", "<1.test@securecart.dev>");

  @Test
  void implicitTlsDeliversToAServerWhoseCertificateNamesTheHost() {
    GreenMail smtps = TlsMailServer.start();
    try {
      new SmtpMailer(settings(smtps.getSmtps().getPort(), MailSettings.Tls.IMPLICIT)).send(MESSAGE);
      assertThat(TlsMailServer.countFor(smtps, "ada@example.com")).isEqualTo(1);
    } finally {
      smtps.stop();
    }
  }

  @Test
  void requiredStartTlsRefusesAServerThatDoesNotOfferIt() {
    GreenMail plain = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    plain.start();
    try {
      SmtpMailer mailer =
          new SmtpMailer(settings(plain.getSmtp().getPort(), MailSettings.Tls.STARTTLS_REQUIRED));
      assertThatThrownBy(() -> mailer.send(MESSAGE)).isInstanceOf(IllegalStateException.class);
      assertThat(plain.getReceivedMessages()).isEmpty();
    } finally {
      plain.stop();
    }
  }

  private static MailSettings settings(int port, MailSettings.Tls tls) {
    return new MailSettings("127.0.0.1", port, null, null, "shop@securecart.test", tls);
  }
}
