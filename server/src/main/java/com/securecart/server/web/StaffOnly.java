package com.securecart.server.web;

import com.securecart.server.admission.Origin;
import com.securecart.server.http.Authn;
import com.securecart.server.http.Problems;
import com.securecart.server.http.Staff;
import com.securecart.shared.DomainException;
import com.securecart.shared.Permission;
import com.securecart.shared.Principal;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The one gate in front of every staff path, whatever its method and whether or not a route serves
 * it. With an admin host set, staff paths exist only on that host name (404 elsewhere), so that the
 * load balancer's rule and the WAF's allow-list for it cover them all. Then {@code /api/admin/**}
 * needs a staff bearer token and {@code /admin/**} a staff session cookie (a guest is sent to the
 * staff sign-in, a customer gets the 403 page), and the role must grant the route's permission
 * ({@link Staff#permission}: 403 otherwise). A permission that changes prices, stock, sales or
 * staff needs a step-up: the API refuses without one (step-up-required); a page form is answered
 * with a re-authentication form that carries the change through ({@link Pages}). An admitted
 * request carries its staff member ({@link Staff#principal}); handlers check nothing.
 */
public final class StaffOnly implements Filter {
  private final Authn authn;
  private final Problems problems;
  private final Pages pages;
  private final String adminHost;

  /**
   * @param adminHost the only host name staff paths are served on; null for any
   */
  public StaffOnly(Authn authn, Problems problems, Pages pages, String adminHost) {
    this.authn = authn;
    this.problems = problems;
    this.pages = pages;
    this.adminHost = adminHost;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    Staff.Area area = Staff.area(req);
    if (area == Staff.Area.NONE) {
      chain.proceed();
      return;
    }
    if (adminHost != null && !adminHost.equals(Origin.of(req).host())) {
      if (area == Staff.Area.API) {
        problems.send(res, DomainException.notFound("Resource"));
      } else {
        pages.notFound(req, res);
      }
      return;
    }
    if (area == Staff.Area.API) {
      api(chain, req, res);
    } else if (Staff.openPage(req.path().path()) && Staff.openPage(req.path().rawPath())) {
      chain.proceed();
    } else {
      page(chain, req, res);
    }
  }

  private void api(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    Principal admin;
    try {
      Permission permission = Staff.permission(req.prologue().method().text(), req.path().path());
      admin = authn.staff(req, permission);
      if (permission != null && permission.stepUp()) {
        authn.requireStepUp(req);
      }
    } catch (DomainException e) {
      problems.send(res, e);
      return;
    }
    Staff.admit(req, admin);
    chain.proceed();
  }

  private void page(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    Browser browser = pages.sessions().resolve(req);
    if (!browser.staff()) {
      pages.refuseNonStaff(req, res, browser);
      return;
    }
    Principal staff = browser.principal().orElseThrow();
    Permission permission = Staff.permission(req.prologue().method().text(), req.path().path());
    if (permission != null && !staff.may(permission)) {
      pages.refuseRole(req, res, browser);
      return;
    }
    if (permission != null && permission.stepUp()) {
      Pages.requireStepUp(req);
    }
    Staff.admit(req, staff);
    chain.proceed();
  }
}
