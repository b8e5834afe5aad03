package com.securecart.identity;

import com.securecart.shared.CustomerId;
import com.securecart.shared.DomainException;
import com.securecart.shared.Hashing;
import com.securecart.shared.Ids;
import com.securecart.shared.ProblemType;
import java.time.Clock;
import java.time.Instant;

/**
 * The single-use tokens mailed for a password reset or an e-mail verification (docs/accounts.md):
 * 256 random bits, stored only as SHA-256, a newer one replacing the older, used once within its
 * {@link TokenPurpose#lifetime()}. Any token that does not work is one answer, {@code
 * invalid-token}: unknown, used, superseded and expired look alike.
 */
final class MailedTokens {
  private final AccountTokenRepository tokens;
  private final AccountMailer mailer;
  private final Clock clock;

  MailedTokens(AccountTokenRepository tokens, AccountMailer mailer, Clock clock) {
    this.tokens = tokens;
    this.mailer = mailer;
    this.clock = clock;
  }

  /** Draws a token, stores its digest (replacing older ones of the purpose) and mails it. */
  void issue(CustomerId account, String email, TokenPurpose purpose) {
    String token = Ids.randomToken(32);
    Instant now = clock.instant();
    tokens.replace(account, purpose, Hashing.sha256Hex(token), now, now.plus(purpose.lifetime()));
    AccountMail.Kind kind =
        purpose == TokenPurpose.PASSWORD_RESET
            ? AccountMail.Kind.PASSWORD_RESET
            : AccountMail.Kind.VERIFY_EMAIL;
    mailer.send(new AccountMail(kind, email, token));
  }

  /** Tells the owner of {@code email} that someone tried to register with it; no token. */
  void mailRegistrationAttempt(String email) {
    mailer.send(new AccountMail(AccountMail.Kind.REGISTRATION_ATTEMPT, email, ""));
  }

  /** The account a working token belongs to, without using it up. */
  CustomerId owner(TokenPurpose purpose, String token) {
    checkShape(token);
    return tokens
        .find(purpose, Hashing.sha256Hex(token), clock.instant())
        .orElseThrow(MailedTokens::invalid);
  }

  /** Uses the token up and returns its account; of concurrent uses only one gets it. */
  CustomerId use(TokenPurpose purpose, String token) {
    checkShape(token);
    return tokens
        .consume(purpose, Hashing.sha256Hex(token), clock.instant())
        .orElseThrow(MailedTokens::invalid);
  }

  /** Every outstanding token of the account stops working (its password just changed). */
  void revokeAll(CustomerId account) {
    tokens.deleteAllFor(account);
  }

  int purgeExpired() {
    return tokens.deleteExpired(clock.instant());
  }

  private static void checkShape(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      throw invalid();
    }
  }

  static DomainException invalid() {
    return DomainException.unprocessable(
        ProblemType.INVALID_TOKEN,
        "Invalid or expired link",
        "This link is invalid, used or expired; ask for a new one");
  }
}
