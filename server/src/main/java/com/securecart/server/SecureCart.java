package com.securecart.server;

import com.securecart.analytics.AnalyticsApi;
import com.securecart.cart.CartApi;
import com.securecart.catalog.CatalogApi;
import com.securecart.changes.ChangeTail;
import com.securecart.checkout.CheckoutApi;
import com.securecart.idempotency.IdempotentExecutor;
import com.securecart.identity.IdentityApi;
import com.securecart.inventory.InventoryApi;
import com.securecart.notifications.LocalMailbox;
import com.securecart.notifications.Mailer;
import com.securecart.notifications.NotificationsApi;
import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrdersApi;
import com.securecart.payments.PaymentsApi;
import com.securecart.payments.SandboxPaymentProvider;
import com.securecart.persistence.CoalescingTransactions;
import com.securecart.persistence.Database;
import com.securecart.persistence.JdbiAccountRepository;
import com.securecart.persistence.JdbiAnalyticsRepository;
import com.securecart.persistence.JdbiCartRepository;
import com.securecart.persistence.JdbiChangeLog;
import com.securecart.persistence.JdbiIdempotencyRepository;
import com.securecart.persistence.JdbiInventoryRepository;
import com.securecart.persistence.JdbiModelStore;
import com.securecart.persistence.JdbiNotificationRepository;
import com.securecart.persistence.JdbiOrderRepository;
import com.securecart.persistence.JdbiOutbox;
import com.securecart.persistence.JdbiPaymentRepository;
import com.securecart.persistence.JdbiProductRepository;
import com.securecart.persistence.JdbiPurchaseHistory;
import com.securecart.persistence.JdbiSaleRepository;
import com.securecart.persistence.JdbiSessionRepository;
import com.securecart.persistence.JdbiTransactions;
import com.securecart.pipeline.AuthorizePayment;
import com.securecart.pipeline.ConfirmOrder;
import com.securecart.pipeline.PipelineObserver;
import com.securecart.pipeline.PipelineRunner;
import com.securecart.pipeline.ReservationExpiry;
import com.securecart.pipeline.RetryPolicy;
import com.securecart.pipeline.SendNotification;
import com.securecart.pipeline.VoidAuthorization;
import com.securecart.recommendations.RecommendationsApi;
import com.securecart.sales.SalesApi;
import com.securecart.search.SearchApi;
import com.securecart.search.SearchIndex;
import com.securecart.search.SearchIndexer;
import com.securecart.search.lucene.LuceneSearchIndex;
import com.securecart.server.admission.AdmissionFilter;
import com.securecart.server.admission.PriorityLimiter;
import com.securecart.server.admission.RateLimiter;
import com.securecart.server.batch.Handover;
import com.securecart.server.batch.NightlyJob;
import com.securecart.server.batch.NightlySchedule;
import com.securecart.server.config.Config;
import com.securecart.server.demo.DemoSeed;
import com.securecart.server.http.AdminRoutes;
import com.securecart.server.http.AnalyticsRoutes;
import com.securecart.server.http.AuthRoutes;
import com.securecart.server.http.Authn;
import com.securecart.server.http.CartRoutes;
import com.securecart.server.http.CatalogRoutes;
import com.securecart.server.http.CheckoutRoutes;
import com.securecart.server.http.DirectProblems;
import com.securecart.server.http.HealthRoutes;
import com.securecart.server.http.Http;
import com.securecart.server.http.IdempotentCheckout;
import com.securecart.server.http.JsonCodec;
import com.securecart.server.http.OpenApiRoutes;
import com.securecart.server.http.OrderRoutes;
import com.securecart.server.http.Problems;
import com.securecart.server.http.RecommendationRoutes;
import com.securecart.server.http.RouteTable;
import com.securecart.server.http.SaleRoutes;
import com.securecart.server.http.SearchRoutes;
import com.securecart.server.mail.JteEmailTemplates;
import com.securecart.server.mail.SmtpMailer;
import com.securecart.server.metrics.Metrics;
import com.securecart.server.metrics.ScrapeEndpoint;
import com.securecart.server.security.Argon2PasswordHasher;
import com.securecart.server.tracing.Tracing;
import com.securecart.server.web.AccountPages;
import com.securecart.server.web.AdminInventoryPages;
import com.securecart.server.web.AdminMailPages;
import com.securecart.server.web.AdminOrderPages;
import com.securecart.server.web.AdminProductPages;
import com.securecart.server.web.AnalyticsPages;
import com.securecart.server.web.Assets;
import com.securecart.server.web.CartPages;
import com.securecart.server.web.CheckoutPages;
import com.securecart.server.web.EventStreams;
import com.securecart.server.web.LiveStock;
import com.securecart.server.web.OpsPages;
import com.securecart.server.web.Pages;
import com.securecart.server.web.RecommendedCards;
import com.securecart.server.web.SecurityHeaders;
import com.securecart.server.web.StaffOnly;
import com.securecart.server.web.StorefrontPages;
import com.securecart.server.web.WebSessions;
import com.securecart.server.workers.Housekeeping;
import com.securecart.server.workers.OutboxWorker;
import com.securecart.server.workers.RecommendationRefresh;
import com.securecart.server.workers.SearchFeed;
import com.securecart.shared.DomainException;
import com.securecart.shared.SharedTransactions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * The composition root: every object SecureCart runs on is made here, with plain constructors,
 * once. Nothing else creates services, and nothing looks them up.
 */
public final class SecureCart implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SecureCart.class.getName());

  /**
   * How long a checkout may hold its Idempotency-Key before a retry may take it over, as after a
   * crash of the instance that held it. A slower original then rolls back: its completion checks
   * that its claim still holds.
   */
  private static final Duration IN_FLIGHT_LEASE = Duration.ofSeconds(10);

  private final Config config;
  private final Database database;
  private final Database batchReads;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final RouteTable routeTable = new RouteTable();
  private final SandboxPaymentProvider paymentProvider = new SandboxPaymentProvider();
  private final OutboxWorker worker;
  private final Housekeeping housekeeping;
  private final RecommendationsApi recommendations;
  private final RecommendationRefresh recommendationRefresh;
  private final AnalyticsApi analytics;
  private final NightlyJob nightlyJob;
  private final NightlySchedule nightlySchedule;
  private final Handover handover;
  private final WebServer server;
  private final CatalogApi catalog;
  private final IdentityApi identity;
  private final SearchIndex searchIndex;
  private final SearchIndexer searchIndexer;
  private final SearchFeed searchFeed;
  private final Metrics metrics;
  private final Tracing tracing;
  private final LiveStock liveStock;
  private final EventStreams streams;

  public SecureCart(Config config) {
    this(config, Tracing.create(config.telemetry().otlpEndpoint()));
  }

  /**
   * @param tracing where spans go (tests pass one that keeps them in memory)
   */
  public SecureCart(Config config, Tracing tracing) {
    this.config = config;
    Clock clock = Clock.systemUTC();
    // Observability first: the pool, JDBI and the outbox report into them from the start.
    this.metrics = new Metrics(clock);
    this.tracing = tracing;
    this.database =
        new Database(
            config.dbUrl(),
            config.dbUser(),
            config.dbPassword(),
            config.dbPoolSize(),
            new Database.Instrumentation(
                metrics.connectionPoolTracker(), List.of(tracing.jdbiPlugin())));
    JdbiTransactions tx = database.transactions();
    OutboxWorker[] workerRef = new OutboxWorker[1];
    JdbiOutbox outbox =
        new JdbiOutbox(
            tx,
            database.isPostgres(),
            () -> {
              if (workerRef[0] != null) {
                workerRef[0].nudge();
              }
            },
            tracing::currentTraceParent);
    metrics.watchOutbox(outbox::backlog);

    JdbiChangeLog changes = new JdbiChangeLog(tx);
    InventoryApi inventory = new InventoryApi(new JdbiInventoryRepository(tx), tx, changes);
    this.catalog = new CatalogApi(new JdbiProductRepository(tx), inventory, tx, changes, clock);
    this.identity =
        new IdentityApi(
            new JdbiAccountRepository(tx),
            new JdbiSessionRepository(tx),
            new Argon2PasswordHasher(),
            clock,
            config.sessionTtl());
    CartApi carts = new CartApi(new JdbiCartRepository(tx), catalog, tx, clock);
    OrdersApi orders = new OrdersApi(new JdbiOrderRepository(tx), inventory, tx, outbox, clock);
    SalesApi sales = new SalesApi(new JdbiSaleRepository(tx), clock);
    CheckoutApi checkout =
        new CheckoutApi(
            carts,
            catalog,
            inventory,
            orders,
            sales,
            config.pricing(),
            tx,
            clock,
            config.reservationTtl());
    PaymentsApi payments = new PaymentsApi(paymentProvider, new JdbiPaymentRepository(tx), clock);
    JdbiNotificationRepository notificationRepository = new JdbiNotificationRepository(tx);
    Mailer mailer =
        config.smtp() == null
            ? new LocalMailbox(notificationRepository, clock)
            : new SmtpMailer(config.smtp());
    NotificationsApi notifications =
        new NotificationsApi(
            new JteEmailTemplates("securecart.dev"), mailer, notificationRepository, clock);
    JdbiIdempotencyRepository idempotencyRepository = new JdbiIdempotencyRepository(tx);
    // Hot-SKU checkouts share transactions per batch of waiting buyers (docs/adr/0012).
    SharedTransactions checkoutTransactions =
        config.reservationMode() == Config.ReservationMode.COALESCED
            ? new CoalescingTransactions(tx, 64, 4)
            : SharedTransactions.direct(tx);
    IdempotentExecutor idempotent =
        new IdempotentExecutor(
            idempotencyRepository,
            tx,
            checkoutTransactions,
            clock,
            Duration.ofHours(48),
            IN_FLIGHT_LEASE);

    PipelineRunner pipeline =
        new PipelineRunner(
            List.of(
                new AuthorizePayment(orders, payments, inventory),
                new ConfirmOrder(orders, payments, inventory),
                SendNotification.confirmation(orders, notifications),
                SendNotification.paymentFailed(orders, notifications),
                new VoidAuthorization(payments, OrderEvents.CANCELLED),
                new VoidAuthorization(payments, OrderEvents.EXPIRED)),
            outbox,
            tx,
            RetryPolicy.standard(),
            clock,
            RandomGenerator.getDefault(),
            PipelineObserver.all(tracing.pipelineObserver(), metrics.pipelineObserver()));
    this.worker =
        new OutboxWorker(
            outbox,
            pipeline,
            clock,
            config.workerPollInterval(),
            2,
            new OutboxWorker.Activity() {
              @Override
              public void busy(boolean busy) {
                metrics.workerBusy(busy);
              }

              @Override
              public void handled(int events) {
                metrics.eventsHandled(events);
              }
            });
    workerRef[0] = worker;
    this.housekeeping =
        new Housekeeping(
            new ReservationExpiry(inventory, orders, tx, clock),
            identity,
            idempotencyRepository,
            outbox,
            changes,
            clock);

    this.recommendations =
        new RecommendationsApi(new JdbiPurchaseHistory(tx), new JdbiModelStore(tx), clock);
    this.recommendationRefresh = new RecommendationRefresh(recommendations, Duration.ofHours(1));
    this.analytics = new AnalyticsApi(new JdbiAnalyticsRepository(tx, clock));
    // The nightly job reads orders through a read-only pool: a replica's when one is configured.
    this.batchReads =
        Database.readOnly(
            config.batchReadDbUrl() == null ? config.dbUrl() : config.batchReadDbUrl(),
            config.dbUser(),
            config.dbPassword(),
            2);
    this.nightlyJob = NightlyJob.on(database, batchReads, recommendations::refreshFromStore, clock);
    // 02:00 local time: the zone of the machine (TZ), as an operator reads a schedule.
    this.nightlySchedule =
        new NightlySchedule(nightlyJob, clock.withZone(java.time.ZoneId.systemDefault()));
    // On the embedded database, `securecart batch nightly` cannot open it while this runs: it
    // hands its run to this instance instead.
    this.handover =
        config.runs(Config.Role.BATCH) && !config.postgres()
            ? new Handover(config.dataDir(), nightlyJob)
            : null;

    if (config.runs(Config.Role.SEARCH)) {
      this.searchIndex = metrics.timed(new LuceneSearchIndex(config.searchIndexDir()));
      this.searchIndexer = new SearchIndexer(searchIndex, catalog, inventory, changes, clock);
      this.searchFeed = new SearchFeed(searchIndexer, Duration.ofMillis(100));
    } else {
      this.searchIndex = null;
      this.searchIndexer = null;
      this.searchFeed = null;
    }

    JsonCodec json = new JsonCodec();
    Problems problems = new Problems(json);
    Http http = new Http(json, config.maxBodyBytes());
    Authn authn = new Authn(identity);
    HttpRouting.Builder routing = HttpRouting.builder();
    // Tracing first, so that the span is current for everything after it, metrics included.
    routing.addFilter(tracing.httpFilter());
    routing.addFilter(metrics.httpFilter());
    // For scrapers, outside the documented API; a configured token closes it to everyone else.
    routing.get("/metrics", new ScrapeEndpoint(metrics, config.telemetry().metricsToken()));
    routing.addFilter(new SecurityHeaders());
    // Admission control (ADR 0011): shed by priority, then per-client rate limits.
    AdmissionFilter admission =
        new AdmissionFilter(
            config.admission(),
            new PriorityLimiter(config.admission(), metrics.registry()),
            new RateLimiter(config.admission(), metrics.registry()),
            req ->
                Authn.bearer(req)
                    .or(() -> WebSessions.sessionToken(req))
                    .flatMap(identity::authenticate)
                    .map(p -> Long.toString(p.customerId().value())),
            problems);
    routing.addFilter(admission);
    SearchApi search = searchIndex == null ? null : new SearchApi(searchIndex);
    IdempotentCheckout idempotentCheckout =
        new IdempotentCheckout(json, checkout, idempotent, problems, metrics::orderPlaced);
    List<RouteTable.Api> apis = new java.util.ArrayList<>();
    List<RouteTable.Api> webPages = new java.util.ArrayList<>();
    apis.add(new HealthRoutes(http, this::isReady));
    Pages pages = null;
    if (config.runs(Config.Role.API)) {
      apis.addAll(
          List.of(
              new OpenApiRoutes(),
              new AuthRoutes(http, authn, identity, carts),
              new CatalogRoutes(http, catalog, inventory),
              new AdminRoutes(http, catalog, inventory, orders, notifications),
              new CartRoutes(http, authn, carts),
              new CheckoutRoutes(http, authn, idempotentCheckout, problems),
              new OrderRoutes(http, authn, orders),
              new SaleRoutes(http, sales),
              new RecommendationRoutes(http, authn, recommendations, catalog, inventory),
              new AnalyticsRoutes(http, analytics, nightlyJob)));
      // The web UI runs with the API: same facades, HTML instead of JSON.
      Assets assets = new Assets();
      pages = new Pages(new WebSessions(identity, clock), assets);
      // Every /admin page and /api/admin route: admins only, checked here once (after admission).
      routing.addFilter(new StaffOnly(authn, problems, pages));
      this.liveStock =
          new LiveStock(
              new ChangeTail(changes, clock, Duration.ofSeconds(5)),
              inventory,
              Duration.ofMillis(200));
      this.streams = new EventStreams(2_000, metrics);
      RecommendedCards recommendedCards = new RecommendedCards(recommendations, catalog, inventory);
      webPages.addAll(
          List.of(
              assets,
              new StorefrontPages(
                  pages, catalog, inventory, search, liveStock, streams, recommendedCards),
              new CartPages(pages, carts, recommendedCards),
              new CheckoutPages(pages, carts, idempotentCheckout, orders, streams),
              new AccountPages(pages, identity, carts, orders, recommendedCards),
              new AdminOrderPages(pages, orders),
              new AdminInventoryPages(pages, catalog, inventory),
              new AdminProductPages(pages, catalog, inventory),
              new AdminMailPages(pages, notifications),
              new OpsPages(pages, metrics, json),
              new AnalyticsPages(pages, analytics, nightlyJob)));
    } else {
      this.liveStock = null;
      this.streams = null;
    }
    if (search != null) {
      apis.add(new SearchRoutes(http, search));
    }
    apis.forEach(api -> routing.register(routeTable.track(api)));
    webPages.forEach(api -> routing.register(routeTable.trackPages(api)));
    io.helidon.webserver.http.Handler notFoundPage = pages == null ? null : pages.notFound();
    routing
        .any(
            (req, res) -> {
              if (notFoundPage != null && Pages.wantsHtml(req)) {
                notFoundPage.handle(req, res);
              } else {
                problems.send(res, Problems.notFoundRoute());
              }
            })
        .error(DomainException.class, (req, res, e) -> problems.send(res, e))
        .error(Throwable.class, (req, res, e) -> problems.sendUnexpected(res, e));
    this.server =
        WebServer.builder()
            .port(config.port())
            .maxPayloadSize(config.maxBodyBytes())
            .directHandlers(new DirectProblems(json).handlers())
            // Without TCP_NODELAY the last segment of every answer over ~8 KB waits ~40 ms for the
            // client's delayed ACK (Nagle); the search benchmark measured it on keep-alive
            // connections.
            .connectionOptions(options -> options.tcpNoDelay(true))
            // Long enough for a 10 kB search URL, so our own validation answers it with a clear
            // 400.
            .addProtocol(Http1Config.builder().maxPrologueLength(32_768).build())
            .shutdownGracePeriod(Duration.ofSeconds(5))
            // Helidon's own JVM hook would stop the listener at SIGTERM, racing ours (Main), which
            // must first report not ready and drain (ADR 0011).
            .shutdownHook(false)
            .routing(routing)
            .build();
  }

  /**
   * Migrates, starts serving, then loads demo data and starts workers; ready once all of that is
   * done.
   */
  public SecureCart start() {
    database.migrate();
    server.start();
    if (server.port() < 0) {
      // Helidon logs the bind failure and carries on without a listener; an instance that
      // cannot serve must not go on to report itself ready.
      close();
      throw new IllegalStateException(
          "cannot listen on port " + config.port() + " (in use? choose another with --port)");
    }
    LOG.log(
        System.Logger.Level.INFO,
        "SecureCart listening on port {0,number,#} ({1})",
        server.port(),
        config);
    Optional<String> generated =
        identity.bootstrapAdmin(config.adminEmail(), config.adminPassword());
    generated.ifPresent(
        password ->
            // Shown once, on the console only, so the operator can sign in; never logged.
            System.out.println(
                "First admin created: "
                    + config.adminEmail()
                    + " / "
                    + password
                    + "  (set SECURECART_ADMIN_PASSWORD to choose it)"));
    DemoSeed.seed(config, catalog, identity, analytics, database);
    if (config.runs(Config.Role.WORKERS)) {
      worker.start();
      housekeeping.start();
    }
    if (searchIndexer != null) {
      searchIndexer.open();
      searchFeed.start();
    }
    if (liveStock != null) {
      liveStock.start();
    }
    if (config.runs(Config.Role.API)) {
      recommendationRefresh.start();
    }
    if (config.runs(Config.Role.BATCH)) {
      nightlySchedule.start();
    }
    if (handover != null) {
      handover.start();
    }
    ready.set(true);
    return this;
  }

  /**
   * Started and not draining. The database is deliberately not part of it: every instance shares
   * it, so a database outage would take the whole fleet out of the load balancer at once (and
   * searches, which need no database, with it), and a check that waits for a pooled connection
   * fails exactly when an instance is busiest, which then sends its traffic to the others. Requests
   * that need the database answer 503 {@code unavailable} with Retry-After while it is away.
   */
  public boolean isReady() {
    return ready.get();
  }

  /**
   * Runs the reservation-expiry sweep now, as the workers do every few seconds; returns orders
   * expired.
   */
  public int expireReservationsNow() {
    return housekeeping.expireReservations();
  }

  /** Trains and swaps in a new recommendation model now, as the refresh does every hour. */
  public RecommendationsApi.Version retrainRecommendationsNow() {
    return recommendations.retrain();
  }

  public int port() {
    return server.port();
  }

  /** The sandbox provider this instance uses; tests count its authorizations. */
  public SandboxPaymentProvider paymentProvider() {
    return paymentProvider;
  }

  /** Every route this instance serves, as registered. */
  public List<RouteTable.Route> routes() {
    return routeTable.routes();
  }

  public Database database() {
    return database;
  }

  /** Every web page this instance serves, as registered. */
  public List<RouteTable.Route> pages() {
    return routeTable.pages();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Graceful shutdown (ADR 0011): readiness goes DOWN first so that a load balancer stops
    // sending; then the listener stops and requests in flight finish (shutdownGracePeriod); then
    // the workers finish the step in hand and claim no more; then the pool closes.
    ready.set(false);
    LOG.log(System.Logger.Level.INFO, "shutting down: readiness DOWN");
    drain(config.admission().drainDelay());
    if (streams != null) {
      // Open event streams end now, so that the server's graceful stop does not wait for them.
      streams.close();
      liveStock.close();
    }
    server.stop();
    LOG.log(System.Logger.Level.INFO, "shutting down: requests drained, stopping workers");
    worker.close();
    housekeeping.close();
    recommendationRefresh.close();
    nightlySchedule.close();
    if (handover != null) {
      handover.close();
    }
    if (searchFeed != null) {
      searchFeed.close();
      searchIndex.close();
    }
    batchReads.close();
    database.close();
    metrics.close();
    tracing.close();
    LOG.log(System.Logger.Level.INFO, "shut down");
  }

  /** Keeps serving, while reporting not ready, long enough for a load balancer to notice. */
  private static void drain(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
