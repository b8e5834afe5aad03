package com.securecart.server;

import com.securecart.app.Contexts;
import com.securecart.app.PaymentSettings;
import com.securecart.changes.ChangeTail;
import com.securecart.search.SearchApi;
import com.securecart.server.admission.AdmissionFilter;
import com.securecart.server.admission.CheckoutBackpressure;
import com.securecart.server.admission.ClientAddress;
import com.securecart.server.admission.Origin;
import com.securecart.server.admission.PriorityLimiter;
import com.securecart.server.admission.RateLimiter;
import com.securecart.server.admission.UntrustedProxyWarning;
import com.securecart.server.batch.NightlyJob;
import com.securecart.server.config.Config;
import com.securecart.server.http.AdminRoutes;
import com.securecart.server.http.AnalyticsRoutes;
import com.securecart.server.http.AuditRoutes;
import com.securecart.server.http.AuthRoutes;
import com.securecart.server.http.Authn;
import com.securecart.server.http.CartRoutes;
import com.securecart.server.http.CatalogRoutes;
import com.securecart.server.http.CheckoutRoutes;
import com.securecart.server.http.HealthRoutes;
import com.securecart.server.http.Http;
import com.securecart.server.http.IdempotentCheckout;
import com.securecart.server.http.JsonCodec;
import com.securecart.server.http.OpenApiRoutes;
import com.securecart.server.http.OrderRoutes;
import com.securecart.server.http.PaymentWebhookRoutes;
import com.securecart.server.http.Problems;
import com.securecart.server.http.RecommendationRoutes;
import com.securecart.server.http.RouteTable;
import com.securecart.server.http.SaleRoutes;
import com.securecart.server.http.SearchRoutes;
import com.securecart.server.http.StaffAccountChanges;
import com.securecart.server.http.StaffChanges;
import com.securecart.server.http.StaffRoutes;
import com.securecart.server.metrics.Metrics;
import com.securecart.server.metrics.ScrapeEndpoint;
import com.securecart.server.recommendations.Recommender;
import com.securecart.server.security.SecurityEvents;
import com.securecart.server.tracing.Tracing;
import com.securecart.server.web.AccountPages;
import com.securecart.server.web.AccountSecurityPages;
import com.securecart.server.web.AdminAuditPages;
import com.securecart.server.web.AdminInventoryPages;
import com.securecart.server.web.AdminMailPages;
import com.securecart.server.web.AdminOrderPages;
import com.securecart.server.web.AdminProductPages;
import com.securecart.server.web.AnalyticsPages;
import com.securecart.server.web.Assets;
import com.securecart.server.web.CartPages;
import com.securecart.server.web.CheckoutPages;
import com.securecart.server.web.CspReports;
import com.securecart.server.web.EventStreams;
import com.securecart.server.web.LiveStock;
import com.securecart.server.web.OpsPages;
import com.securecart.server.web.Pages;
import com.securecart.server.web.RecommendedCards;
import com.securecart.server.web.SecurityHeaders;
import com.securecart.server.web.SecurityTxt;
import com.securecart.server.web.StaffOnly;
import com.securecart.server.web.StaffPages;
import com.securecart.server.web.StorefrontPages;
import com.securecart.server.web.WebPayments;
import com.securecart.server.web.WebSessions;
import com.securecart.shared.DomainException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * An instance's HTTP face, built from its contexts: the filters (tracing, metrics, security
 * headers, admission), the JSON API and, with the API role, the web pages; with only the catalog,
 * cart or recommendations role, just those routes. Building it starts nothing: the live-stock feed
 * starts with the server, and the route table can be read once the routing is built, without a
 * listener (the OpenAPI contract test does).
 */
public final class ServerRoutes {
  private final Config config;
  private final Contexts contexts;
  private final Metrics metrics;
  private final JsonCodec json = new JsonCodec();
  private final Problems problems = new Problems(json);
  private final Http http;
  private final Authn authn;
  private final RouteTable table = new RouteTable();
  private final HttpRouting.Builder routing = HttpRouting.builder();
  private final LiveStock liveStock;
  private final CheckoutBackpressure backpressure;
  private final EventStreams streams;
  private final StaffChanges staffChanges;

  /**
   * The parts of an instance the routes answer from besides the contexts.
   *
   * @param search null without the search role
   * @param recommender where the recommendation routes and cards get their answers
   */
  public record Parts(
      Metrics metrics,
      Tracing tracing,
      NightlyJob nightlyJob,
      SearchApi search,
      Clock clock,
      Recommender recommender) {}

  /**
   * @param ready what the readiness check reports
   */
  public ServerRoutes(Config config, Contexts contexts, Parts parts, BooleanSupplier ready) {
    this.config = config;
    this.contexts = contexts;
    this.metrics = parts.metrics();
    this.http = new Http(json, config.http().maxBodyBytes());
    this.authn = new Authn(contexts.identity());
    this.staffChanges =
        new StaffChanges(
            contexts.audit(), contexts.catalog(), contexts.inventory(), contexts.sales());
    UntrustedProxyWarning proxyWarning =
        new UntrustedProxyWarning(config.http().admission().trustedProxies(), metrics.registry());
    // Only an instance that takes orders slows their intake; its reader starts with the instance.
    this.backpressure =
        new CheckoutBackpressure(
            config.runs(Config.Role.API)
                ? config.http().admission().checkoutBackpressureAge()
                : Duration.ZERO,
            contexts.pipeline().outbox()::oldestUnclaimed,
            parts.clock(),
            metrics.registry());
    filters(parts.tracing(), parts.clock(), proxyWarning);
    List<RouteTable.Api> apis = new ArrayList<>();
    apis.add(
        new HealthRoutes(
            http,
            ready,
            () ->
                proxyWarning.detected()
                    ? List.of(UntrustedProxyWarning.READINESS_WARNING)
                    : List.of()));
    Pages pages = null;
    if (config.runs(Config.Role.API)) {
      // Checkout pages and the webhook need Stripe's browser and webhook keys; a worker does not.
      config.app().payments().requireWebKeys();
      IdempotentCheckout checkout =
          new IdempotentCheckout(
              json, contexts.checkout(), contexts.idempotent(), problems, metrics::orderPlaced);
      apis.addAll(apis(checkout, parts));
      // The web UI runs with the API: same facades, HTML instead of JSON.
      Assets assets = new Assets();
      pages =
          new Pages(
              new WebSessions(contexts.identity(), parts.clock()),
              assets,
              config.telemetry().serverTiming(),
              WebPayments.of(config.app().payments()));
      // Every /admin page and /api/admin route: staff with the route's permission (and a step-up
      // for price, stock, sale and staff changes), on the admin host if one is set; checked here
      // once (after admission).
      routing.addFilter(new StaffOnly(authn, problems, pages, config.app().accounts().adminHost()));
      this.liveStock =
          new LiveStock(
              new ChangeTail(contexts.changes(), parts.clock(), Duration.ofSeconds(5)),
              contexts.inventory(),
              Duration.ofMillis(200));
      this.streams =
          new EventStreams(
              config.http().maxEventStreams(), config.http().maxEventStreamsPerClient(), metrics);
      webPages(pages, assets, checkout, parts)
          .forEach(api -> routing.register(table.trackPages(api)));
    } else {
      this.liveStock = null;
      this.streams = null;
      apis.addAll(fineApis(parts.recommender()));
    }
    if (parts.search() != null) {
      apis.add(new SearchRoutes(http, parts.search()));
    }
    apis.forEach(api -> routing.register(table.track(api)));
    fallbacks(pages == null ? null : pages.notFound());
  }

  private void filters(Tracing tracing, Clock clock, UntrustedProxyWarning proxyWarning) {
    // Tracing first, so that the span is current for everything after it, metrics included.
    routing.addFilter(tracing.httpFilter());
    // A load balancer that is not trusted makes every client one (issue 15 item 4): say so.
    routing.addFilter(proxyWarning.filter());
    // Who sent it and whether over TLS, believing forwarded headers only from trusted proxies.
    routing.addFilter(Origin.filter(new ClientAddress(config.http().admission().trustedProxies())));
    // Security events (docs/audit.md): before admission and the staff-only filter, so that their
    // 429s, 401s and 403s are counted and logged too.
    routing.addFilter(new SecurityEvents(metrics.securityEvents(SecurityEvents.labels())));
    routing.addFilter(metrics.httpFilter(config.telemetry().serverTiming()));
    // For scrapers, outside the documented API: only with the configured token (or opened on
    // purpose for local use); otherwise it is not there.
    routing.get(
        "/metrics",
        new ScrapeEndpoint(
            metrics, config.telemetry().metricsToken(), config.telemetry().metricsOpen()));
    routing.addFilter(
        new SecurityHeaders(
            config.runs(Config.Role.API)
                && config.app().payments().provider() == PaymentSettings.Provider.STRIPE));
    // Outside the documented API too: RFC 9116, and browsers' CSP violation reports (rate-limited
    // per client by admission control below).
    routing.get(
        "/.well-known/security.txt",
        new SecurityTxt(config.http().securityContact(), config.http().publicUrl(), clock));
    routing.post("/csp-report", new CspReports(metrics::cspViolation));
    // Admission control (ADR 0011): shed by priority, then per-client rate limits.
    routing.addFilter(
        new AdmissionFilter(
            config.http().admission(),
            new PriorityLimiter(config.http().admission(), metrics.registry()),
            new RateLimiter(
                config.http().admission(),
                metrics.registry(),
                // The embedded H2 serves one instance: its buckets stay in memory.
                contexts.database().isPostgres() ? contexts.database().dataSource() : null),
            req ->
                Authn.bearer(req)
                    .or(() -> WebSessions.sessionToken(req))
                    .flatMap(contexts.identity()::authenticate)
                    .map(p -> Long.toString(p.customerId().value())),
            problems,
            backpressure));
  }

  private List<RouteTable.Api> apis(IdempotentCheckout checkout, Parts parts) {
    Contexts c = contexts;
    return List.of(
        new OpenApiRoutes(),
        new AuthRoutes(http, authn, c.identity(), c.carts(), c.audit(), c.staff()),
        new StaffRoutes(http, c.staff(), new StaffAccountChanges(c.audit(), c.staff())),
        new CatalogRoutes(http, c.catalog(), c.inventory()),
        new AdminRoutes(
            http, c.catalog(), c.inventory(), c.orders(), c.notifications(), staffChanges),
        new CartRoutes(http, authn, c.carts()),
        new CheckoutRoutes(http, authn, checkout, problems),
        new OrderRoutes(http, authn, c.orders(), c.payments()),
        new PaymentWebhookRoutes(http, c.stripeWebhooks(), c.paymentEvents()),
        new SaleRoutes(http, c.sales(), staffChanges),
        new RecommendationRoutes(http, authn, parts.recommender(), c.catalog(), c.inventory()),
        new AnalyticsRoutes(http, c.analytics(), parts.nightlyJob(), staffChanges),
        new AuditRoutes(http, c.audit()));
  }

  /**
   * Without the API role, only the parts the finer roles name, each a service of its own behind a
   * path-routing load balancer: no OpenAPI document, admin routes or pages. The cart checks bearer
   * tokens through {@link Authn} against the shared sessions, but registers no sign-in or
   * registration: guest carts need no token, and customers get theirs (and their guest cart merged)
   * from an API instance, so the cart service stays the carts alone. The recommendations service
   * checks the storefront's forwarded session tokens the same way.
   */
  private List<RouteTable.Api> fineApis(Recommender recommender) {
    List<RouteTable.Api> fine = new ArrayList<>();
    if (config.runs(Config.Role.CATALOG)) {
      fine.add(new CatalogRoutes(http, contexts.catalog(), contexts.inventory()));
    }
    if (config.runs(Config.Role.CART)) {
      fine.add(new CartRoutes(http, authn, contexts.carts()));
    }
    if (config.runs(Config.Role.RECOMMENDATIONS)) {
      fine.add(
          new RecommendationRoutes(
              http, authn, recommender, contexts.catalog(), contexts.inventory()));
    }
    return fine;
  }

  private List<RouteTable.Api> webPages(
      Pages pages, Assets assets, IdempotentCheckout checkout, Parts parts) {
    Contexts c = contexts;
    RecommendedCards cards = new RecommendedCards(parts.recommender(), c.catalog(), c.inventory());
    return List.of(
        assets,
        new StorefrontPages(
            pages, c.catalog(), c.inventory(), parts.search(), liveStock, streams, cards),
        new CartPages(pages, c.carts(), cards),
        new CheckoutPages(pages, c.carts(), checkout, c.orders(), c.payments(), streams),
        new AccountPages(pages, c.identity(), c.carts(), c.orders(), cards, c.audit()),
        new AccountSecurityPages(pages, c.identity()),
        new AdminOrderPages(pages, c.orders()),
        new AdminInventoryPages(pages, c.catalog(), c.inventory(), staffChanges),
        new AdminProductPages(pages, c.catalog(), c.inventory(), staffChanges),
        new AdminMailPages(pages, c.notifications()),
        new StaffPages(
            pages,
            c.identity(),
            c.staff(),
            c.audit(),
            new StaffAccountChanges(c.audit(), c.staff())),
        new OpsPages(pages, metrics, json),
        new AnalyticsPages(pages, c.analytics(), parts.nightlyJob(), staffChanges),
        new AdminAuditPages(pages, c.audit()));
  }

  /** Unknown paths: the 404 page for browsers, problem+json for the rest; errors mapped once. */
  private void fallbacks(Handler notFoundPage) {
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
  }

  /** The routing to serve; the route table is filled when it is built. */
  public HttpRouting.Builder routing() {
    return routing;
  }

  JsonCodec json() {
    return json;
  }

  /** Null without the API role. */
  LiveStock liveStock() {
    return liveStock;
  }

  /** The checkout backpressure gate, whose background reader the instance starts and stops. */
  CheckoutBackpressure backpressure() {
    return backpressure;
  }

  /** Null without the API role. */
  EventStreams streams() {
    return streams;
  }

  /** Every JSON route, as registered. */
  public List<RouteTable.Route> routes() {
    return table.routes();
  }

  /** Every web page, as registered. */
  public List<RouteTable.Route> pages() {
    return table.pages();
  }
}
