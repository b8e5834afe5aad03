package com.securecart.server.admission;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * Where a request came from, decided once per request: the client's address (the peer, or per
 * {@code X-Forwarded-For} from a trusted proxy) and whether the browser reached us over TLS
 * (directly, or per {@code X-Forwarded-Proto: https} from a trusted proxy). Both forwarded headers
 * are anyone's to write, so from any other peer they are ignored: a plain-HTTP client that claims
 * HTTPS gets no HSTS and no {@code Secure}/{@code __Host-} cookies.
 *
 * @param client the client's address, as the rate limiter and the event-stream cap see it
 * @param secure the request arrived over TLS
 * @param host the host name the client asked for, lower case, without the port: the last {@code
 *     X-Forwarded-Host} from a trusted proxy, else the {@code Host} header; empty if neither
 */
public record Origin(String client, boolean secure, String host) {
  private static final io.helidon.http.HeaderName X_FORWARDED_HOST =
      HeaderNames.create("X-Forwarded-Host");

  private static final Object KEY = new Object();
  private static final ClientAddress NO_PROXIES = new ClientAddress(List.of());

  /** The filter that resolves a request's origin; first in the chain, before anything reads it. */
  public static Filter filter(ClientAddress addresses) {
    return (chain, req, res) -> {
      req.context().register(KEY, resolve(req, addresses));
      chain.proceed();
    };
  }

  /** The origin the filter resolved; without it (a test's bare routing), only the peer is used. */
  public static Origin of(ServerRequest req) {
    return of(req, NO_PROXIES);
  }

  /** The resolved origin, else resolved now with {@code addresses} (a filter used on its own). */
  public static Origin of(ServerRequest req, ClientAddress addresses) {
    return req.context().get(KEY, Origin.class).orElseGet(() -> resolve(req, addresses));
  }

  static Origin resolve(ServerRequest req, ClientAddress addresses) {
    SocketAddress peer = req.remotePeer().address();
    if (!(peer instanceof InetSocketAddress inet) || inet.getAddress() == null) {
      return new Origin(String.valueOf(peer), req.isSecure(), host(req, false));
    }
    InetAddress address = inet.getAddress();
    List<String> forwarded =
        req.headers().contains(HeaderNames.X_FORWARDED_FOR)
            ? req.headers().get(HeaderNames.X_FORWARDED_FOR).allValues()
            : List.of();
    boolean secure = req.isSecure();
    boolean trusted = addresses.trusts(address);
    if (!secure && trusted) {
      secure = forwardedHttps(req);
    }
    return new Origin(addresses.resolve(address, forwarded), secure, host(req, trusted));
  }

  /**
   * The requested host. An ALB passes the client's Host header on unchanged; a proxy that rewrites
   * it says the original in X-Forwarded-Host, believed only from a trusted proxy.
   */
  private static String host(ServerRequest req, boolean trustedProxy) {
    String value = "";
    if (trustedProxy && req.headers().contains(X_FORWARDED_HOST)) {
      String[] hops = req.headers().get(X_FORWARDED_HOST).allValues().getLast().split(",");
      value = hops[hops.length - 1];
    } else if (req.headers().contains(HeaderNames.HOST)) {
      value = req.headers().get(HeaderNames.HOST).get();
    }
    value = value.strip().toLowerCase(Locale.ROOT);
    // Drop the port (but not an IPv6 literal's colons).
    int colon = value.lastIndexOf(':');
    if (colon > value.lastIndexOf(']')) {
      value = value.substring(0, colon);
    }
    return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
  }

  /**
   * The scheme our proxy wrote: the last value (a proxy that appends puts its own last, after
   * whatever the client sent).
   */
  private static boolean forwardedHttps(ServerRequest req) {
    if (!req.headers().contains(HeaderNames.X_FORWARDED_PROTO)) {
      return false;
    }
    List<String> values = req.headers().get(HeaderNames.X_FORWARDED_PROTO).allValues();
    if (values.isEmpty()) {
      return false;
    }
    String[] hops = values.getLast().split(",");
    return hops[hops.length - 1].strip().toLowerCase(Locale.ROOT).equals("https");
  }
}
