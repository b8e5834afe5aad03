package com.securecart.server.web;

import com.securecart.server.http.Authn;
import com.securecart.server.http.Problems;
import com.securecart.server.http.Staff;
import com.securecart.shared.DomainException;
import com.securecart.shared.Principal;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The one gate in front of every staff path, whatever its method and whether or not a route serves
 * it: {@code /api/admin/**} needs an admin's bearer token (401 or 403 problem+json otherwise),
 * {@code /admin/**} an admin's session cookie (a guest is sent to sign in, a customer gets the 403
 * page). An admitted request carries its admin ({@link Staff#principal}); handlers check nothing.
 */
public final class StaffOnly implements Filter {
  private final Authn authn;
  private final Problems problems;
  private final Pages pages;

  public StaffOnly(Authn authn, Problems problems, Pages pages) {
    this.authn = authn;
    this.problems = problems;
    this.pages = pages;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    switch (Staff.area(req)) {
      case NONE -> chain.proceed();
      case API -> api(chain, req, res);
      case PAGES -> page(chain, req, res);
    }
  }

  private void api(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    Principal admin;
    try {
      admin = authn.admin(req);
    } catch (DomainException e) {
      problems.send(res, e);
      return;
    }
    Staff.admit(req, admin);
    chain.proceed();
  }

  private void page(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    Browser browser = pages.sessions().resolve(req);
    if (!browser.admin()) {
      pages.refuseNonStaff(req, res, browser);
      return;
    }
    Staff.admit(req, browser.principal().orElseThrow());
    chain.proceed();
  }
}
