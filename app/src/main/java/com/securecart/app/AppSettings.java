package com.securecart.app;

import com.securecart.checkout.PricingRules;
import java.time.Duration;

/**
 * What the contexts are built from, one record per concern, each validated when made. Entry points
 * add their own (the server its HTTP, demo and telemetry settings); a Lambda handler needs only
 * these.
 */
public record AppSettings(
    DatabaseSettings database,
    CheckoutSettings checkout,
    WorkerSettings workers,
    AccountSettings accounts,
    BatchSettings batch,
    MailSettings mail,
    PaymentSettings payments) {
  public AppSettings {
    if (database == null
        || checkout == null
        || workers == null
        || accounts == null
        || batch == null
        || mail == null
        || payments == null) {
      throw new ConfigException("every group of settings is required");
    }
    if (database.secret() != null && batch.readDbUrl() != null) {
      // The replica's pool logs in with the primary's login, so from the same secret.
      DatabaseSettings.secretUrl(batch.readDbUrl(), "SECURECART_BATCH_READ_DB_URL");
    }
  }

  /**
   * The defaults on {@code database}, as a server started with nothing but its URL has them: for
   * tools, benchmarks and tests.
   */
  public static AppSettings defaults(DatabaseSettings database) {
    return new AppSettings(
        database,
        CheckoutSettings.defaults(PricingRules.defaults()),
        WorkerSettings.defaults(),
        new AccountSettings(Duration.ofHours(12), "admin@securecart.local", null),
        BatchSettings.defaults(),
        MailSettings.LOCAL_MAILBOX,
        PaymentSettings.SANDBOX);
  }

  public AppSettings withWorkers(WorkerSettings next) {
    return new AppSettings(database, checkout, next, accounts, batch, mail, payments);
  }

  public AppSettings withAccounts(AccountSettings next) {
    return new AppSettings(database, checkout, workers, next, batch, mail, payments);
  }

  public AppSettings withCheckout(CheckoutSettings next) {
    return new AppSettings(database, next, workers, accounts, batch, mail, payments);
  }

  public AppSettings withPayments(PaymentSettings next) {
    return new AppSettings(database, checkout, workers, accounts, batch, mail, next);
  }

  public AppSettings withMail(MailSettings next) {
    return new AppSettings(database, checkout, workers, accounts, batch, next, payments);
  }
}
