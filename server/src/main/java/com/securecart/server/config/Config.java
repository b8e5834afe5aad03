package com.securecart.server.config;

import com.securecart.app.AppSettings;
import com.securecart.app.CheckoutSettings;
import com.securecart.app.ConfigException;
import com.securecart.app.MailSettings;
import java.nio.file.Path;
import java.util.Set;

/**
 * Everything a server instance is told, by concern: what the contexts are built from ({@link
 * AppSettings}: database, checkout, workers, accounts, batch, mail), and the server's own HTTP,
 * demo, telemetry and pipeline-mode settings. Each part validates itself when made; {@link
 * ConfigLoader} builds it from flags and {@code SECURECART_*} environment variables.
 *
 * @param roles the parts this instance runs; a tier runs only its own
 * @param dataDir the embedded database, the search index, the batch hand-over files
 * @param recommendations where a storefront without the recommendations role gets them
 */
public record Config(
    Set<Role> roles,
    Path dataDir,
    AppSettings app,
    HttpSettings http,
    DemoSettings demo,
    TelemetrySettings telemetry,
    PipelineSettings pipeline,
    RecommendationsSettings recommendations) {

  /** The parts an instance can run. */
  public enum Role {
    /** The whole JSON API and the web pages; it includes {@link #CATALOG} and {@link #CART}. */
    API,
    WORKERS,
    SEARCH,
    /** Runs the nightly batch (analytics, recommendation model) at 02:00 local time. */
    BATCH,
    /**
     * Only the catalog reads (products, categories, their available stock), so that the catalog can
     * run as its own service behind a path-routing load balancer (the Fargate deployment).
     */
    CATALOG,
    /** Only the cart routes, for the same reason; callers sign in through an API instance. */
    CART,
    /**
     * Only the recommendation routes and the model they serve (loaded from the store, or trained
     * here until one is stored), so that the model's memory and CPU scale apart from the
     * storefront, which calls it over HTTP.
     */
    RECOMMENDATIONS
  }

  /** How the role names read in messages, in the order an operator would think of them. */
  public static final String ROLE_NAMES =
      "all, api, catalog, cart, recommendations, workers, search, batch";

  public Config {
    if (roles == null || roles.isEmpty()) {
      throw new ConfigException("--roles must name at least one of: " + ROLE_NAMES);
    }
    roles = Set.copyOf(roles);
    if (dataDir == null || app == null || http == null || demo == null) {
      throw new ConfigException("the data directory and every group of settings are required");
    }
    telemetry = telemetry == null ? TelemetrySettings.DEFAULTS : telemetry;
    pipeline = pipeline == null ? PipelineSettings.INPROCESS : pipeline;
    recommendations =
        recommendations == null ? RecommendationsSettings.IN_PROCESS : recommendations;
  }

  public boolean runs(Role role) {
    return roles.contains(role);
  }

  /**
   * Whether this instance's recommendations come from the service over HTTP: it is given its URL
   * and does not run the role itself.
   */
  public boolean remoteRecommendations() {
    return recommendations.url() != null && !runs(Role.RECOMMENDATIONS);
  }

  public boolean postgres() {
    return app.database().postgres();
  }

  /** Where this instance keeps its search index. */
  public Path searchIndexDir() {
    return dataDir.resolve("search-index");
  }

  public Config withRoles(Set<Role> next) {
    return new Config(next, dataDir, app, http, demo, telemetry, pipeline, recommendations);
  }

  public Config withApp(AppSettings next) {
    return new Config(roles, dataDir, next, http, demo, telemetry, pipeline, recommendations);
  }

  public Config withHttp(HttpSettings next) {
    return new Config(roles, dataDir, app, next, demo, telemetry, pipeline, recommendations);
  }

  public Config withDemo(DemoSettings next) {
    return new Config(roles, dataDir, app, http, next, telemetry, pipeline, recommendations);
  }

  public Config withTelemetry(TelemetrySettings next) {
    return new Config(roles, dataDir, app, http, demo, next, pipeline, recommendations);
  }

  public Config withPipeline(PipelineSettings next) {
    return new Config(roles, dataDir, app, http, demo, telemetry, next, recommendations);
  }

  public Config withRecommendations(RecommendationsSettings next) {
    return new Config(roles, dataDir, app, http, demo, telemetry, pipeline, next);
  }

  public Config withPort(int port) {
    return withHttp(http.withPort(port));
  }

  public Config withAdmission(AdmissionConfig admission) {
    return withHttp(http.withAdmission(admission));
  }

  public Config withSmtp(MailSettings mail) {
    return withApp(app.withMail(mail));
  }

  public Config withReservationMode(CheckoutSettings.ReservationMode mode) {
    return withApp(app.withCheckout(app.checkout().withReservationMode(mode)));
  }

  @Override
  public String toString() {
    return "Config[port="
        + http.port()
        + ", db="
        + (postgres() ? "postgresql" : "h2")
        + ", roles="
        + roles
        + ", demo="
        + demo
        + (app.batch().readDbUrl() == null ? "" : ", batch reads from a replica")
        + ", mail="
        + app.mail()
        + ", "
        + telemetry
        + ", reservations="
        + app.checkout().reservationMode().name().toLowerCase(java.util.Locale.ROOT)
        + ", pipeline="
        + pipeline
        + ", recommendations="
        + (runs(Role.RECOMMENDATIONS) ? "served here" : recommendations)
        + "]";
  }
}
