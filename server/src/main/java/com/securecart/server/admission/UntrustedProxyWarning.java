package com.securecart.server.admission;

import io.helidon.webserver.http.Filter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says loudly that {@code SECURECART_TRUSTED_PROXIES} is probably missing (issue 15 item 4): with
 * no trusted proxies, a request whose peer is a private address (RFC 1918, or an IPv6 unique local
 * address) most likely came through a load balancer in the VPC, so every client behind it shares
 * that balancer's address and one client can empty everyone's rate-limit bucket. Loopback is left
 * out: that is a laptop or a test.
 *
 * <p>It logs a WARN at most every {@link #LOG_EVERY}, counts such requests ({@code
 * securecart.admission.untrusted.private.peers}), sets a gauge to 1 ({@code
 * securecart.admission.trusted.proxies.missing}) and adds a warning to the readiness document. With
 * trusted proxies configured it does nothing.
 */
public final class UntrustedProxyWarning {
  /** The readiness document's warning. */
  public static final String READINESS_WARNING = "trusted-proxies-missing";

  static final Duration LOG_EVERY = Duration.ofMinutes(10);

  private static final System.Logger LOG = System.getLogger(UntrustedProxyWarning.class.getName());

  private final boolean active;
  private final AtomicBoolean seen = new AtomicBoolean();
  private final AtomicLong lastLog = new AtomicLong(Long.MIN_VALUE);
  private final Counter requests;

  public UntrustedProxyWarning(List<String> trustedProxies, MeterRegistry registry) {
    this.active = trustedProxies.isEmpty();
    this.requests =
        Counter.builder("securecart.admission.untrusted.private.peers")
            .description(
                "requests from a private peer while SECURECART_TRUSTED_PROXIES is empty (a load"
                    + " balancer that is not trusted: every client shares its rate limits)")
            .register(registry);
    Gauge.builder("securecart.admission.trusted.proxies.missing", seen, s -> s.get() ? 1 : 0)
        .description("1 once a private peer was seen with no trusted proxies configured")
        .register(registry);
  }

  /** The filter that looks at every request's peer; it never stops a request. */
  public Filter filter() {
    return (chain, req, res) -> {
      if (active
          && req.remotePeer().address() instanceof InetSocketAddress inet
          && inet.getAddress() != null) {
        observe(inet.getAddress());
      }
      chain.proceed();
    };
  }

  /** Whether a private peer was seen with no trusted proxies (the readiness warning). */
  public boolean detected() {
    return seen.get();
  }

  void observe(InetAddress peer) {
    if (!isPrivate(peer)) {
      return;
    }
    requests.increment();
    seen.set(true);
    long now = System.nanoTime();
    long last = lastLog.get();
    if ((last == Long.MIN_VALUE || now - last >= LOG_EVERY.toNanos())
        && lastLog.compareAndSet(last, now)) {
      // No address in the log line: the metric and the setting's documentation say what to do.
      LOG.log(
          System.Logger.Level.WARNING,
          "requests arrive from private addresses but SECURECART_TRUSTED_PROXIES is empty: behind"
              + " a load balancer every client shares its address and its rate limits; set"
              + " SECURECART_TRUSTED_PROXIES to the load balancer subnets (docs/accounts.md)");
    }
  }

  /** RFC 1918 IPv4, and IPv6 unique local (fc00::/7); never loopback. */
  static boolean isPrivate(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (bytes.length == 16 && isV4Mapped(bytes)) {
      byte[] v4 = new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
      return isPrivateV4(v4);
    }
    if (bytes.length == 4) {
      return isPrivateV4(bytes);
    }
    return (bytes[0] & 0xFE) == 0xFC;
  }

  private static boolean isPrivateV4(byte[] b) {
    int first = b[0] & 0xFF;
    int second = b[1] & 0xFF;
    return first == 10
        || (first == 172 && second >= 16 && second <= 31)
        || (first == 192 && second == 168);
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
  }
}
