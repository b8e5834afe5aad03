package com.securecart.app;

import com.securecart.analytics.AnalyticsApi;
import com.securecart.app.mail.JteEmailTemplates;
import com.securecart.app.mail.SmtpMailer;
import com.securecart.app.payments.StripePaymentProvider;
import com.securecart.app.payments.StripeWebhooks;
import com.securecart.app.security.Argon2PasswordHasher;
import com.securecart.app.security.JavaOtpCodes;
import com.securecart.app.security.ZxcvbnPasswordStrength;
import com.securecart.audit.AuditApi;
import com.securecart.cart.CartApi;
import com.securecart.catalog.CatalogApi;
import com.securecart.changes.ChangeLog;
import com.securecart.checkout.CheckoutApi;
import com.securecart.idempotency.IdempotentExecutor;
import com.securecart.identity.IdentityApi;
import com.securecart.identity.StaffApi;
import com.securecart.inventory.InventoryApi;
import com.securecart.notifications.LocalMailbox;
import com.securecart.notifications.Mailer;
import com.securecart.notifications.NotificationsApi;
import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrdersApi;
import com.securecart.outbox.Outbox;
import com.securecart.payments.PaymentProvider;
import com.securecart.payments.PaymentsApi;
import com.securecart.payments.SandboxPaymentProvider;
import com.securecart.persistence.CoalescingTransactions;
import com.securecart.persistence.Database;
import com.securecart.persistence.JdbiAccountRepository;
import com.securecart.persistence.JdbiAccountTokenRepository;
import com.securecart.persistence.JdbiAnalyticsRepository;
import com.securecart.persistence.JdbiAuditRepository;
import com.securecart.persistence.JdbiCartRepository;
import com.securecart.persistence.JdbiChangeLog;
import com.securecart.persistence.JdbiIdempotencyRepository;
import com.securecart.persistence.JdbiInventoryRepository;
import com.securecart.persistence.JdbiLoginFailureRepository;
import com.securecart.persistence.JdbiModelStore;
import com.securecart.persistence.JdbiNotificationRepository;
import com.securecart.persistence.JdbiOrderImport;
import com.securecart.persistence.JdbiOrderRepository;
import com.securecart.persistence.JdbiOutbox;
import com.securecart.persistence.JdbiPaymentRepository;
import com.securecart.persistence.JdbiProductRepository;
import com.securecart.persistence.JdbiPurchaseHistory;
import com.securecart.persistence.JdbiSaleRepository;
import com.securecart.persistence.JdbiSessionRepository;
import com.securecart.persistence.JdbiStaffRepository;
import com.securecart.persistence.JdbiTransactions;
import com.securecart.pipeline.AuthorizePayment;
import com.securecart.pipeline.ConfirmOrder;
import com.securecart.pipeline.PaymentEvents;
import com.securecart.pipeline.PipelineRunner;
import com.securecart.pipeline.ReservationExpiry;
import com.securecart.pipeline.RetryPolicy;
import com.securecart.pipeline.SendNotification;
import com.securecart.pipeline.Step;
import com.securecart.pipeline.VoidAuthorization;
import com.securecart.recommendations.RecommendationsApi;
import com.securecart.sales.SalesApi;
import com.securecart.shared.SharedTransactions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * SecureCart's bounded contexts, wired once with plain constructors: the one composition root that
 * every entry point (the server, the batch command, the demo loaders, the benchmarks, the tests)
 * builds the application with. Nothing else creates a repository or a facade.
 *
 * <p>The caller owns {@code database} (it may instrument it); {@link #close} closes only the
 * read-only pool the nightly job reads through, which the contexts opened themselves.
 *
 * @param paymentProvider the sandbox (tokens such as {@code tok_visa}) or Stripe, per {@code
 *     SECURECART_PAYMENTS}
 * @param paymentEvents applies verified provider events (webhooks) to orders
 * @param stripeWebhooks verifies Stripe's webhook signatures; null unless payments go to Stripe
 * @param nightly the nightly job's parts, reading through {@code batchReads}
 * @param orderImport bulk import of historic orders for the demo loader, past the pipeline
 * @param audit the trail of staff changes, which staff routes record into in the change's own
 *     transaction
 */
public record Contexts(
    Database database,
    Database batchReads,
    CatalogApi catalog,
    InventoryApi inventory,
    IdentityApi identity,
    StaffApi staff,
    CartApi carts,
    OrdersApi orders,
    SalesApi sales,
    CheckoutApi checkout,
    IdempotentExecutor idempotent,
    PaymentProvider paymentProvider,
    PaymentsApi payments,
    PaymentEvents paymentEvents,
    StripeWebhooks stripeWebhooks,
    NotificationsApi notifications,
    AnalyticsApi analytics,
    RecommendationsApi recommendations,
    NightlyParts nightly,
    Pipeline pipeline,
    Maintenance maintenance,
    ChangeLog changes,
    JdbiOrderImport orderImport,
    AuditApi audit)
    implements AutoCloseable {

  /** The e-mails' Message-ID domain: a resend of the same message carries the same id. */
  private static final String MAIL_DOMAIN = "securecart.dev";

  public static Contexts wire(
      AppSettings settings, Database database, Clock clock, Observers observers) {
    JdbiTransactions tx = database.transactions();
    Doorbell doorbell = new Doorbell(settings.workers().loops());
    JdbiOutbox outbox =
        new JdbiOutbox(tx, database.isPostgres(), doorbell::ring, observers.traceParent());
    JdbiChangeLog changes = new JdbiChangeLog(tx);
    InventoryApi inventory = new InventoryApi(new JdbiInventoryRepository(tx), tx, changes);
    CatalogApi catalog =
        new CatalogApi(new JdbiProductRepository(tx), inventory, tx, changes, clock);
    NotificationsApi notifications = notifications(settings, tx, clock);
    IdentityApi identity = identity(settings.accounts(), tx, clock, notifications);
    StaffApi staff = staff(tx, clock);
    CartApi carts = new CartApi(new JdbiCartRepository(tx), catalog, tx, clock);
    OrdersApi orders = new OrdersApi(new JdbiOrderRepository(tx), inventory, tx, outbox, clock);
    SalesApi sales = new SalesApi(new JdbiSaleRepository(tx), clock);
    CheckoutSettings checkoutSettings = settings.checkout();
    CheckoutApi checkout =
        new CheckoutApi(
            carts,
            catalog,
            inventory,
            orders,
            sales,
            checkoutSettings.pricing(),
            tx,
            clock,
            checkoutSettings.reservationTtl());
    PaymentSettings paymentSettings = settings.payments();
    PaymentProvider provider = paymentProvider(paymentSettings);
    PaymentsApi payments = new PaymentsApi(provider, new JdbiPaymentRepository(tx), clock);
    JdbiIdempotencyRepository keys = new JdbiIdempotencyRepository(tx);
    Database reads = batchReads(settings);
    return new Contexts(
        database,
        reads,
        catalog,
        inventory,
        identity,
        staff,
        carts,
        orders,
        sales,
        checkout,
        idempotent(checkoutSettings, keys, tx, clock),
        provider,
        payments,
        new PaymentEvents(orders, payments, inventory, tx),
        paymentSettings.provider() == PaymentSettings.Provider.STRIPE
                && paymentSettings.stripeWebhookSecret() != null
            ? new StripeWebhooks(paymentSettings.stripeWebhookSecret(), clock)
            : null,
        notifications,
        new AnalyticsApi(new JdbiAnalyticsRepository(tx, clock)),
        new RecommendationsApi(new JdbiPurchaseHistory(tx), new JdbiModelStore(tx), clock),
        NightlyParts.wire(database, reads, clock),
        pipeline(
            steps(orders, payments, inventory, notifications),
            outbox,
            doorbell,
            tx,
            clock,
            observers),
        new Maintenance(
            new ReservationExpiry(inventory, orders, tx, clock),
            identity,
            keys,
            outbox,
            changes,
            notifications,
            clock),
        changes,
        new JdbiOrderImport(tx),
        new AuditApi(new JdbiAuditRepository(tx), tx, clock));
  }

  /** Stripe when configured; otherwise the sandbox, which moves no money (docs/payments.md). */
  private static PaymentProvider paymentProvider(PaymentSettings payments) {
    return switch (payments.provider()) {
      case STRIPE ->
          new StripePaymentProvider(payments.stripeSecretKey(), payments.stripeApiBase());
      case SANDBOX -> new SandboxPaymentProvider();
    };
  }

  /**
   * Accounts and sessions; passwords hashed with Argon2id, and refused when zxcvbn finds them too
   * easy to guess.
   */
  private static IdentityApi identity(
      AccountSettings accounts, JdbiTransactions tx, Clock clock, NotificationsApi notifications) {
    return new IdentityApi(
        new JdbiAccountRepository(tx),
        new JdbiSessionRepository(tx),
        new JdbiStaffRepository(tx),
        new JdbiAccountTokenRepository(tx),
        new JdbiLoginFailureRepository(tx),
        new Argon2PasswordHasher(),
        new ZxcvbnPasswordStrength(),
        new JavaOtpCodes(),
        new BackgroundAccountMailer(notifications),
        clock,
        accounts.sessionPolicy());
  }

  /** Staff accounts: invitations valid for three days, the same password rules as customers. */
  private static StaffApi staff(JdbiTransactions tx, Clock clock) {
    return new StaffApi(
        new JdbiAccountRepository(tx),
        new JdbiStaffRepository(tx),
        new JdbiSessionRepository(tx),
        new Argon2PasswordHasher(),
        new ZxcvbnPasswordStrength(),
        new JavaOtpCodes(),
        clock,
        Duration.ofDays(3));
  }

  /**
   * The order pipeline's steps: authorize, confirm, e-mail the outcome, and void an authorization
   * whose order was cancelled or expired.
   */
  private static List<Step> steps(
      OrdersApi orders,
      PaymentsApi payments,
      InventoryApi inventory,
      NotificationsApi notifications) {
    return List.of(
        new AuthorizePayment(orders, payments, inventory),
        new ConfirmOrder(orders, payments, inventory),
        SendNotification.confirmation(orders, notifications),
        SendNotification.paymentFailed(orders, notifications),
        new VoidAuthorization(payments, OrderEvents.CANCELLED),
        new VoidAuthorization(payments, OrderEvents.EXPIRED));
  }

  /** SMTP when configured, else the local mailbox, which delivers in the recording transaction. */
  private static NotificationsApi notifications(
      AppSettings settings, JdbiTransactions tx, Clock clock) {
    MailSettings mail = settings.mail();
    JdbiNotificationRepository repository = new JdbiNotificationRepository(tx);
    if (mail.secret() != null) {
      // Only an entry point with an AWS SDK reads the secret (app has none): wiring on, the mail
      // would go without its login.
      throw new ConfigException(
          "SECURECART_SMTP_SECRET_ARN is set, but this entry point does not read the SMTP login"
              + " from Secrets Manager (the Lambda notification function does): set"
              + " SECURECART_SMTP_USER and SECURECART_SMTP_PASSWORD instead");
    }
    Mailer mailer = mail.smtp() ? new SmtpMailer(mail) : new LocalMailbox(repository, clock);
    return new NotificationsApi(
        new JteEmailTemplates(MAIL_DOMAIN, settings.accounts().publicUrl()),
        mailer,
        repository,
        clock,
        mail.perRecipientPerDay());
  }

  /** Hot-SKU checkouts share transactions per batch of waiting buyers (docs/adr/0012). */
  private static IdempotentExecutor idempotent(
      CheckoutSettings checkout, JdbiIdempotencyRepository keys, JdbiTransactions tx, Clock clock) {
    SharedTransactions shared =
        checkout.reservationMode() == CheckoutSettings.ReservationMode.COALESCED
            ? new CoalescingTransactions(tx, checkout.coalescingBatch(), checkout.coalescingLanes())
            : SharedTransactions.direct(tx);
    return new IdempotentExecutor(
        keys, tx, shared, clock, checkout.idempotencyRetention(), checkout.idempotencyLease());
  }

  private static Pipeline pipeline(
      List<Step> steps,
      Outbox outbox,
      Doorbell doorbell,
      JdbiTransactions tx,
      Clock clock,
      Observers observers) {
    RetryPolicy retry = RetryPolicy.standard();
    PipelineRunner runner =
        new PipelineRunner(
            steps,
            outbox,
            // A batch of steps moves stock once per SKU, in SKU order, and inserts its events and
            // history, one INSERT per table, at its commit.
            tx.writingAtCommit(),
            retry,
            clock,
            RandomGenerator.getDefault(),
            observers.pipeline());
    return new Pipeline(runner, steps, retry, outbox, doorbell);
  }

  /**
   * The nightly job reads orders through a read-only pool: a replica's when one is configured. It
   * connects when first used, so a replica that is down does not stop a start.
   */
  private static Database batchReads(AppSettings settings) {
    DatabaseSettings db = settings.database();
    String url = settings.batch().readDbUrl() == null ? db.url() : settings.batch().readDbUrl();
    return db.openReadOnly(url, settings.batch().readPoolSize());
  }

  @Override
  public void close() {
    batchReads.close();
  }
}
