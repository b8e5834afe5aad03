package com.securecart.server.http;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every route as it is registered, so that the OpenAPI document can be checked against the
 * routes that really exist (a test fails when either side has one the other lacks). Web pages are
 * recorded apart: they are HTML for browsers, not part of the documented API.
 */
public final class RouteTable {
  /** A method and a path template, as in OpenAPI ({@code /api/orders/{id}}). */
  public record Route(String method, String path) {}

  /** A group of routes. */
  public interface Api {
    void routes(Routes routes);
  }

  /** Registers routes with Helidon and records them. */
  public static final class Routes {
    private final HttpRules rules;

    private final List<Route> into;

    Routes(HttpRules rules, List<Route> into) {
      this.rules = rules;
      this.into = into;
    }

    public Routes get(String path, Handler handler) {
      into.add(new Route("GET", path));
      rules.get(path, handler);
      return this;
    }

    public Routes post(String path, Handler handler) {
      into.add(new Route("POST", path));
      rules.post(path, handler);
      return this;
    }

    public Routes put(String path, Handler handler) {
      into.add(new Route("PUT", path));
      rules.put(path, handler);
      return this;
    }

    public Routes delete(String path, Handler handler) {
      into.add(new Route("DELETE", path));
      rules.delete(path, handler);
      return this;
    }
  }

  private final List<Route> routes = new ArrayList<>();
  private final List<Route> pages = new ArrayList<>();

  public HttpService track(Api api) {
    return rules -> api.routes(new Routes(rules, routes));
  }

  /** Registers web pages: served like any route, recorded apart from the documented API. */
  public HttpService trackPages(Api api) {
    return rules -> api.routes(new Routes(rules, pages));
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  public List<Route> pages() {
    return List.copyOf(pages);
  }
}
