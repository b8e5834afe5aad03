package com.securecart.server;

import com.securecart.app.Contexts;
import com.securecart.app.DatabaseSettings;
import com.securecart.app.Observers;
import com.securecart.app.Pipeline;
import com.securecart.app.SearchParts;
import com.securecart.identity.WeakPasswordException;
import com.securecart.persistence.Database;
import com.securecart.pipeline.PipelineObserver;
import com.securecart.search.SearchIndex;
import com.securecart.search.lucene.LuceneSearchIndex;
import com.securecart.server.batch.Handover;
import com.securecart.server.batch.NightlyJob;
import com.securecart.server.batch.NightlySchedule;
import com.securecart.server.config.Config;
import com.securecart.server.config.HttpSettings;
import com.securecart.server.demo.DemoSeed;
import com.securecart.server.http.DirectProblems;
import com.securecart.server.http.RouteTable;
import com.securecart.server.metrics.Metrics;
import com.securecart.server.recommendations.Recommender;
import com.securecart.server.recommendations.RemoteRecommender;
import com.securecart.server.relay.OutboxRelay;
import com.securecart.server.tracing.Tracing;
import com.securecart.server.workers.Housekeeping;
import com.securecart.server.workers.OutboxWorker;
import com.securecart.server.workers.RecommendationRefresh;
import com.securecart.server.workers.SearchFeed;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * A server instance: the contexts ({@link Contexts#wire}, the one composition root) behind the HTTP
 * server, with the background parts its roles run (pipeline workers, housekeeping, the search feed,
 * the nightly schedule).
 */
public final class SecureCart implements AutoCloseable {
  private static final String TLS_SOCKET = "tls";
  private static final System.Logger LOG = System.getLogger(SecureCart.class.getName());

  private final Config config;
  private final Clock clock;
  private final Metrics metrics;
  private final Tracing tracing;
  private final Database database;
  private final Contexts contexts;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final OutboxRelay relay;
  private final OutboxWorker worker;
  private final Housekeeping housekeeping;
  private final RecommendationRefresh recommendationRefresh;
  private final RemoteRecommender remoteRecommender;
  private final NightlySchedule nightlySchedule;
  private final Handover handover;
  private final SearchIndex searchIndex;
  private final SearchParts search;
  private final SearchFeed searchFeed;
  private final ServerRoutes routes;
  private final WebServer server;

  public SecureCart(Config config) {
    this(config, Tracing.create(config.telemetry().otlpEndpoint()), Clock.systemUTC());
  }

  /**
   * @param tracing where spans go (tests pass one that keeps them in memory)
   */
  public SecureCart(Config config, Tracing tracing, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.tracing = tracing;
    // Observability first: the pool, JDBI and the outbox report into them from the start.
    this.metrics = new Metrics(clock);
    this.database = database(config.app().database(), metrics, tracing);
    this.contexts =
        Contexts.wire(
            config.app(),
            database,
            clock,
            new Observers(
                PipelineObserver.all(tracing.pipelineObserver(), metrics.pipelineObserver()),
                tracing::currentTraceParent));
    metrics.watchOutbox(contexts.pipeline().outbox()::backlog);
    this.relay = relay(config);
    this.worker = worker(dispatched(contexts.pipeline(), relay), clock, config, metrics);
    this.housekeeping = new Housekeeping(contexts.maintenance());
    this.recommendationRefresh =
        new RecommendationRefresh(contexts.recommendations(), config.app().batch().modelRefresh());
    // A storefront given the service's URL asks it; an instance running the role answers itself.
    this.remoteRecommender =
        config.runs(Config.Role.API) && config.remoteRecommendations()
            ? new RemoteRecommender(
                config.recommendations(),
                contexts.recommendations(),
                metrics.recommendationCalls(RemoteRecommender.OUTCOMES),
                tracing::currentTraceParent)
            : null;
    NightlyJob nightlyJob =
        new NightlyJob(contexts.nightly(), contexts.recommendations()::refreshFromStore, clock);
    // 02:00 local time: the zone of the machine (TZ), as an operator reads a schedule.
    this.nightlySchedule = new NightlySchedule(nightlyJob, clock.withZone(ZoneId.systemDefault()));
    // On the embedded database, `securecart batch nightly` cannot open it while this runs: it
    // hands its run to this instance instead.
    this.handover =
        config.runs(Config.Role.BATCH) && !config.postgres()
            ? new Handover(config.dataDir(), nightlyJob)
            : null;
    boolean searches = config.runs(Config.Role.SEARCH);
    this.searchIndex =
        searches ? metrics.timed(new LuceneSearchIndex(config.searchIndexDir())) : null;
    this.search = searches ? SearchParts.wire(searchIndex, contexts, clock) : null;
    this.searchFeed = searches ? new SearchFeed(search.indexer(), Duration.ofMillis(100)) : null;
    this.routes =
        new ServerRoutes(
            config,
            contexts,
            new ServerRoutes.Parts(
                metrics,
                tracing,
                nightlyJob,
                search == null ? null : search.api(),
                clock,
                remoteRecommender == null
                    ? Recommender.local(contexts.recommendations())
                    : remoteRecommender),
            this::isReady);
    this.server = webServer(config.http(), routes);
  }

  private static Database database(DatabaseSettings db, Metrics metrics, Tracing tracing) {
    return db.open(
        db.poolSize(),
        new Database.Instrumentation(metrics.connectionPoolTracker(), tracing.jdbiPlugins()));
  }

  /**
   * In stepfunctions mode the steps run as Lambda functions: this instance's workers, if it runs
   * them, only hand events over to AWS (credentials from the default chain: environment, profile,
   * instance or task role).
   */
  private static OutboxRelay relay(Config config) {
    if (!config.pipeline().stepFunctions() || !config.runs(Config.Role.WORKERS)) {
      return null;
    }
    LOG.log(
        System.Logger.Level.INFO,
        "pipeline {0}: the workers hand orders to {1} and notifications to {2}",
        config.pipeline(),
        config.pipeline().stateMachineArn(),
        config.pipeline().notificationQueueUrl());
    return OutboxRelay.connect(config.pipeline(), DefaultCredentialsProvider.builder().build());
  }

  /** What the workers run: the order steps, or (relay) the hand-overs of their events. */
  private static Pipeline dispatched(Pipeline pipeline, OutboxRelay relay) {
    return relay == null
        ? pipeline
        : pipeline.withSteps(relay.steps(pipeline.steps()), OutboxRelay.RETRY);
  }

  private static OutboxWorker worker(
      Pipeline pipeline, Clock clock, Config config, Metrics metrics) {
    return new OutboxWorker(
        pipeline,
        clock,
        config.app().workers().pollInterval(),
        config.app().workers().outboxLease(),
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
  }

  private static WebServer webServer(HttpSettings http, ServerRoutes routes) {
    WebServerConfig.Builder builder = WebServer.builder();
    if (http.tls() != null) {
      // The same routing (routes, filters, limits) over HTTPS; direct handlers are per listener.
      builder.putSocket(
          TLS_SOCKET,
          socket ->
              socket
                  .port(http.tls().port())
                  .maxTcpConnections(http.maxConnections() > 0 ? http.maxConnections() : -1)
                  .tls(
                      tls ->
                          tls.privateKey(http.tls().key()).privateKeyCertChain(http.tls().chain()))
                  .maxPayloadSize(http.maxBodyBytes())
                  .directHandlers(new DirectProblems(routes.json()).handlers())
                  .connectionOptions(options -> options.tcpNoDelay(true))
                  .addProtocol(Http1Config.builder().maxPrologueLength(32_768).build())
                  .routing(routes.routing()));
    }
    if (http.maxConnections() > 0) {
      // Issue 18 item 5: past the cap the listener stops accepting, so an overload waits in the
      // kernel's backlog and at the client instead of as thousands of requests inside the JVM,
      // each waiting its turn to be parsed before admission control can shed it.
      builder.maxTcpConnections(http.maxConnections());
    }
    return builder
        .port(http.port())
        .maxPayloadSize(http.maxBodyBytes())
        .directHandlers(new DirectProblems(routes.json()).handlers())
        // Without TCP_NODELAY the last segment of every answer over ~8 KB waits ~40 ms for the
        // client's delayed ACK (Nagle); the search benchmark measured it on keep-alive connections.
        .connectionOptions(options -> options.tcpNoDelay(true))
        // Long enough for a 10 kB search URL, so our own validation answers it with a clear 400.
        .addProtocol(Http1Config.builder().maxPrologueLength(32_768).build())
        .shutdownGracePeriod(Duration.ofSeconds(5))
        // Helidon's own JVM hook would stop the listener at SIGTERM, racing ours (Main), which
        // must first report not ready and drain (ADR 0011).
        .shutdownHook(false)
        .routing(routes.routing())
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
          "cannot listen on port "
              + config.http().port()
              + " (in use? choose another with --port)");
    }
    LOG.log(
        System.Logger.Level.INFO,
        "SecureCart listening on port {0,number,#} ({1})",
        server.port(),
        config);
    bootstrapAdmin();
    DemoSeed.seed(config.demo(), config.dataDir(), contexts, clock);
    startRoles();
    ready.set(true);
    return this;
  }

  private void bootstrapAdmin() {
    String email = config.app().accounts().adminEmail();
    Optional<String> generated;
    try {
      generated =
          contexts
              .identity()
              .bootstrapAdmin(
                  email,
                  config.app().accounts().adminPassword(),
                  config.app().accounts().adminTotpSecret());
    } catch (WeakPasswordException e) {
      throw new IllegalStateException(
          "SECURECART_ADMIN_PASSWORD is too easy to guess: "
              + e.detail()
              + " Set a stronger one, or leave it unset to have one generated.",
          e);
    }
    generated.ifPresent(
        password ->
            // Shown once, on the console only, so the operator can sign in; never logged.
            System.out.println(
                "First admin created: "
                    + email
                    + " / "
                    + password
                    + "  (set SECURECART_ADMIN_PASSWORD to choose it)"));
  }

  /**
   * The background parts, each for the role that needs it. A catalog- or cart-only instance (a
   * Fargate service) starts none: its routes read the database only, and it opens no search index
   * without the search role and no live-stock feed without the pages. A recommendations-only
   * instance starts the model refresh alone.
   */
  private void startRoles() {
    if (config.runs(Config.Role.WORKERS)) {
      worker.start();
      housekeeping.start();
    }
    if (search != null) {
      search.indexer().open();
      searchFeed.start();
    }
    if (routes.liveStock() != null) {
      routes.liveStock().start();
    }
    routes.backpressure().start();
    // The model feeds the recommendation routes and the pages, unless they ask the service.
    if (remoteRecommender != null) {
      remoteRecommender.start();
    } else if (config.runs(Config.Role.API) || config.runs(Config.Role.RECOMMENDATIONS)) {
      recommendationRefresh.start();
    }
    if (config.runs(Config.Role.BATCH)) {
      nightlySchedule.start();
    }
    if (handover != null) {
      handover.start();
    }
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

  public int port() {
    return server.port();
  }

  /** The HTTPS listener's port, or -1 without one. */
  public int tlsPort() {
    return config.http().tls() == null ? -1 : server.port(TLS_SOCKET);
  }

  /** The contexts this instance serves, as wired. */
  public Contexts contexts() {
    return contexts;
  }

  /** Every route this instance serves, as registered. */
  public List<RouteTable.Route> routes() {
    return routes.routes();
  }

  /** Every web page this instance serves, as registered. */
  public List<RouteTable.Route> pages() {
    return routes.pages();
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
    drain(config.http().admission().drainDelay());
    if (routes.streams() != null) {
      // Open event streams end now, so that the server's graceful stop does not wait for them.
      routes.streams().close();
      routes.liveStock().close();
    }
    server.stop();
    routes.backpressure().close();
    LOG.log(System.Logger.Level.INFO, "shutting down: requests drained, stopping workers");
    worker.close();
    if (relay != null) {
      relay.close();
    }
    housekeeping.close();
    recommendationRefresh.close();
    if (remoteRecommender != null) {
      remoteRecommender.close();
    }
    nightlySchedule.close();
    if (handover != null) {
      handover.close();
    }
    if (searchFeed != null) {
      searchFeed.close();
      searchIndex.close();
    }
    contexts.close();
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
