package com.securecart.server.admission;

import com.securecart.server.config.AdmissionConfig;
import com.securecart.server.http.Problems;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * In front of every handler: sheds a request with 503 when its priority's share of the concurrency
 * limit is used up, then refuses it with 429 when its client has used up its rate limit. Shedding
 * reads only the method and path and one atomic counter: no body, no session, no database, no lock.
 * The rate limit needs the client, which for an authenticated request is its account (one session
 * lookup, done only on the rate-limited routes) and otherwise its address. Placing an order is
 * refused first, before any permit, while the order pipeline is behind ({@link
 * CheckoutBackpressure}): one read of a cached instant.
 */
public final class AdmissionFilter implements Filter {
  private final PriorityLimiter limiter;
  private final RateLimiter rateLimiter;
  private final ClientAddress addresses;
  private final Principals principals;
  private final Problems problems;
  private final CheckoutBackpressure backpressure;
  private final long retryAfterSeconds;

  /** The account a request is authenticated as, if any. */
  @FunctionalInterface
  public interface Principals {
    Optional<String> of(ServerRequest req);
  }

  public AdmissionFilter(
      AdmissionConfig config,
      PriorityLimiter limiter,
      RateLimiter rateLimiter,
      Principals principals,
      Problems problems,
      CheckoutBackpressure backpressure) {
    this.limiter = limiter;
    this.rateLimiter = rateLimiter;
    this.addresses = new ClientAddress(config.trustedProxies());
    this.principals = principals;
    this.problems = problems;
    this.backpressure = backpressure;
    this.retryAfterSeconds = config.retryAfter().toSeconds();
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String method = req.prologue().method().text();
    String path = req.path().path();
    Optional<Priority> priority = RequestClass.priority(method, path);
    if (priority.isEmpty()) {
      chain.proceed();
      return;
    }
    Optional<RequestClass.Rule> rule = RequestClass.rule(method, path);
    if (rule.isPresent() && rule.get() == RequestClass.Rule.CHECKOUT) {
      long wait = backpressure.retryAfterSeconds();
      if (wait > 0) {
        problems.sendPipelineBehind(res, wait);
        return;
      }
    }
    PriorityLimiter.Permit permit = limiter.tryAcquire(priority.get());
    if (permit == null) {
      problems.sendOverloaded(res, retryAfterSeconds);
      return;
    }
    boolean answered = false;
    try {
      if (rule.isPresent() && rateLimiter.limits(rule.get())) {
        long waitNanos = rateLimiter.tryConsume(rule.get(), client(req, rule.get()));
        if (waitNanos > 0) {
          problems.sendRateLimited(
              res, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L)));
          answered = true;
          return;
        }
      }
      chain.proceed();
      answered = true;
    } finally {
      if (answered) {
        permit.success();
      } else {
        permit.ignore();
      }
    }
  }

  private String client(ServerRequest req, RequestClass.Rule rule) {
    if (rule == RequestClass.Rule.CHECKOUT || rule == RequestClass.Rule.SEARCH) {
      Optional<String> account = principals.of(req);
      if (account.isPresent()) {
        return "account:" + account.get();
      }
    }
    return "ip:" + address(req);
  }

  private String address(ServerRequest req) {
    return Origin.of(req, addresses).client();
  }
}
