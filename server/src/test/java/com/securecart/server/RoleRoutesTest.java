package com.securecart.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.app.Contexts;
import com.securecart.app.Observers;
import com.securecart.app.SearchParts;
import com.securecart.persistence.Database;
import com.securecart.persistence.H2Urls;
import com.securecart.server.batch.NightlyJob;
import com.securecart.server.config.Config;
import com.securecart.server.config.Config.Role;
import com.securecart.server.metrics.Metrics;
import com.securecart.server.recommendations.Recommender;
import com.securecart.server.testing.TestConfigs;
import com.securecart.server.tracing.Tracing;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What each role registers, read from the route table as the OpenAPI contract test does (no
 * listener, no migrated database): the fine roles that the Fargate services run get their own
 * routes and nothing else of the API, while {@code api} and {@code all} keep their whole surface.
 */
class RoleRoutesTest {
  private static final String DB_URL = H2Urls.memory("role-routes");
  private static final Set<String> HEALTH = Set.of("GET /health/live", "GET /health/ready");
  private static final Set<String> CATALOG =
      Set.of("GET /api/products", "GET /api/products/{id}", "GET /api/categories");
  private static final Set<String> CART =
      Set.of(
          "POST /api/carts",
          "GET /api/cart",
          "PUT /api/cart/items/{productId}",
          "DELETE /api/cart/items/{productId}",
          "GET /api/carts/{id}",
          "PUT /api/carts/{id}/items/{productId}",
          "DELETE /api/carts/{id}/items/{productId}");

  /** The routes and pages an instance with {@code roles} registers, as "METHOD path". */
  private record Registered(Set<String> routes, Set<String> pages) {}

  private static Registered registered(Set<Role> roles) {
    Config config = TestConfigs.forTests(DB_URL).withRoles(roles);
    Clock clock = Clock.systemUTC();
    try (Database database = Database.readOnly(DB_URL, null, null, 2);
        Contexts contexts = Contexts.wire(config.app(), database, clock, Observers.none());
        Metrics metrics = new Metrics(clock);
        Tracing tracing = new Tracing(List.of())) {
      NightlyJob nightly = new NightlyJob(contexts.nightly(), () -> {}, clock);
      // As SecureCart does: the search parts exist only with the search role.
      SearchParts search =
          roles.contains(Role.SEARCH) ? SearchParts.wire(null, contexts, clock) : null;
      ServerRoutes routes =
          new ServerRoutes(
              config,
              contexts,
              new ServerRoutes.Parts(
                  metrics,
                  tracing,
                  nightly,
                  search == null ? null : search.api(),
                  clock,
                  Recommender.local(contexts.recommendations())),
              () -> false);
      routes.routing().build();
      return new Registered(names(routes.routes()), names(routes.pages()));
    }
  }

  private static Set<String> names(List<com.securecart.server.http.RouteTable.Route> routes) {
    return routes.stream()
        .map(r -> r.method() + " " + r.path())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> union(Set<String> first, Set<String> second) {
    Set<String> all = new TreeSet<>(first);
    all.addAll(second);
    return all;
  }

  @Test
  void catalogAloneRegistersOnlyTheCatalogReads() {
    Registered catalog = registered(EnumSet.of(Role.CATALOG));

    assertThat(catalog.routes()).isEqualTo(union(HEALTH, CATALOG));
    assertThat(catalog.pages()).isEmpty();
  }

  @Test
  void cartAloneRegistersOnlyTheCartsWithoutSignIn() {
    Registered cart = registered(EnumSet.of(Role.CART));

    assertThat(cart.routes()).isEqualTo(union(HEALTH, CART));
    assertThat(cart.routes()).noneMatch(r -> r.contains("/api/auth/"));
    assertThat(cart.pages()).isEmpty();
  }

  @Test
  void catalogAndCartRegisterTheUnion() {
    Registered both = registered(EnumSet.of(Role.CATALOG, Role.CART));

    assertThat(both.routes()).isEqualTo(union(HEALTH, union(CATALOG, CART)));
    assertThat(both.pages()).isEmpty();
  }

  @Test
  void searchAloneRegistersOnlyTheSearch() {
    Registered search = registered(EnumSet.of(Role.SEARCH));

    assertThat(search.routes())
        .isEqualTo(union(HEALTH, Set.of("GET /api/search", "GET /api/search/suggest")));
    assertThat(search.pages()).isEmpty();
  }

  @Test
  void recommendationsAloneRegistersOnlyTheRecommendations() {
    Registered recommendations = registered(EnumSet.of(Role.RECOMMENDATIONS));

    assertThat(recommendations.routes())
        .isEqualTo(
            union(
                HEALTH,
                Set.of(
                    "GET /api/recommendations/products/{id}",
                    "GET /api/recommendations/me",
                    "GET /api/recommendations/basket")));
    assertThat(recommendations.pages()).isEmpty();
  }

  @Test
  void apiStillRegistersTheWholeApiAndThePages() {
    Registered api = registered(EnumSet.of(Role.API));

    assertThat(api.routes())
        .containsAll(CATALOG)
        .containsAll(CART)
        .contains(
            "POST /api/auth/login",
            "POST /api/checkout",
            "POST /api/admin/products",
            "GET /openapi.yaml");
    assertThat(api.pages()).isNotEmpty().anyMatch(p -> p.contains(" /admin"));
  }

  @Test
  void theFineRolesAddNothingToAnInstanceThatRunsTheApi() {
    Set<Role> before = EnumSet.of(Role.API, Role.WORKERS, Role.SEARCH, Role.BATCH);

    assertThat(registered(EnumSet.allOf(Role.class))).isEqualTo(registered(before));
  }
}
