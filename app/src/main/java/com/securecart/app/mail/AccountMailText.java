package com.securecart.app.mail;

import com.securecart.identity.AccountMail;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The fixed wording of each account e-mail. Nothing in it comes from the request that caused it
 * (issue 15 item 8): the only variable part is the link, made of the configured public URL and the
 * random token.
 *
 * @param link empty when the mail has no link
 */
public record AccountMailText(
    String subject, String heading, String body, String linkText, String link, String closing) {

  static AccountMailText of(AccountMail mail, String publicUrl) {
    String token = URLEncoder.encode(mail.token(), StandardCharsets.US_ASCII);
    return switch (mail.kind()) {
      case VERIFY_EMAIL ->
          new AccountMailText(
              "Confirm your SecureCart e-mail address",
              "Confirm your e-mail address",
              "Please confirm that this address belongs to your new SecureCart account. The link"
                  + " works once, for 24 hours.",
              "Confirm my address",
              publicUrl + "/account/verify?token=" + token,
              "If you did not create an account, ignore this message.");
      case PASSWORD_RESET ->
          new AccountMailText(
              "Reset your SecureCart password",
              "Reset your password",
              "Someone asked to reset the password of your SecureCart account. The link works"
                  + " once, for 30 minutes, and signs you out everywhere.",
              "Choose a new password",
              publicUrl + "/account/reset?token=" + token,
              "If you did not ask for this, ignore this message: your password stays as it is.");
      case REGISTRATION_ATTEMPT ->
          new AccountMailText(
              "Someone tried to register with your address",
              "You already have an account",
              "Someone tried to create a SecureCart account with this e-mail address, which"
                  + " already has one. No new account was made.",
              "Forgot your password? Reset it here",
              publicUrl + "/account/forgot",
              "If this was not you, ignore this message.");
    };
  }
}
