package com.securecart.server.web;

import com.securecart.server.http.Http;
import com.securecart.server.http.Staff;
import com.securecart.shared.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** One browser request as a page handler sees it: the request, the browser and its form. */
public record WebRequest(
    ServerRequest req, Browser browser, Form form, Assets assets, WebPayments payments) {
  private static final io.helidon.http.HeaderName HX_REQUEST = HeaderNames.create("HX-Request");

  public Optional<Principal> principal() {
    return browser.principal();
  }

  /** The admin the staff-only filter admitted this request as (staff pages only). */
  public Principal staff() {
    return Staff.principal(req);
  }

  public PageContext page(String title) {
    return new PageContext(
        title,
        browser.principal().map(Principal::email).orElse(null),
        browser.admin(),
        browser.csrf(),
        assets,
        "",
        payments);
  }

  public Optional<String> query(String name) {
    return Http.query(req, name);
  }

  /** The {@code page} query parameter of a listing, from 0; nonsense reads as the first page. */
  public int pageNumber() {
    return Math.min(100_000, Format.wholeNumber(query("page").orElse("0")));
  }

  /** Whether htmx sent this request (it then wants a fragment, not a page). */
  public boolean htmx() {
    return req.headers().contains(HX_REQUEST);
  }

  public String path() {
    return req.path().rawPath();
  }
}
