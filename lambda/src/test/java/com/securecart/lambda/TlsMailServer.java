package com.securecart.lambda;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * SES's SMTP interface stand-in: GreenMail speaking SMTPS (TLS from the first byte) on a dynamic
 * port, with a certificate made for this run by {@code keytool} that names 127.0.0.1, and the test
 * JVM trusting that certificate alone. So the mailer's TLS is real: the certificate is verified and
 * checked against the host, nothing is trusted blindly, and no key is committed.
 */
final class TlsMailServer {
  private static final String PASSWORD = "changeit";
  private static volatile boolean prepared;

  private TlsMailServer() {}

  /** Starts an SMTPS server; the caller stops it. */
  static GreenMail start() {
    prepare();
    GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
    mail.start();
    return mail;
  }

  /** The messages received for {@code recipient}. */
  static long countFor(GreenMail mail, String recipient) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> addressedTo(m, recipient)).count();
  }

  private static boolean addressedTo(MimeMessage message, String recipient) {
    try {
      Address[] to = message.getAllRecipients();
      return to != null
          && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static synchronized void prepare() {
    if (prepared) {
      return;
    }
    try {
      Path dir = Files.createTempDirectory("securecart-smtps");
      Path keystore = dir.resolve("server.p12");
      run(
          keytool(),
          "-genkeypair",
          "-alias",
          "greenmail",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-validity",
          "2",
          "-dname",
          "CN=127.0.0.1",
          "-ext",
          "SAN=ip:127.0.0.1,dns:localhost",
          "-storetype",
          "PKCS12",
          "-keystore",
          keystore.toString(),
          "-storepass",
          PASSWORD,
          "-keypass",
          PASSWORD);
      System.setProperty("greenmail.tls.keystore.file", keystore.toString());
      System.setProperty("greenmail.tls.keystore.password", PASSWORD);
      System.setProperty("greenmail.tls.key.password", PASSWORD);

      KeyStore trusted = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        trusted.load(in, PASSWORD.toCharArray());
      }
      KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
      trustStore.load(null, null);
      trustStore.setCertificateEntry("greenmail", trusted.getCertificate("greenmail"));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      SSLContext.setDefault(context);
      prepared = true;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not make the test SMTPS certificate", e);
    }
  }

  private static String keytool() {
    return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
  }

  private static void run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
