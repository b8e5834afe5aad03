package com.securecart.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 4: requests from a private address with no trusted proxies configured (a load
 * balancer nobody told the shop about) raise a readiness warning and a metric. The test reaches the
 * server through one of this machine's own private addresses; a machine with none skips it.
 */
class UntrustedProxyWarningIT {
  @Test
  void aPrivatePeerWithNoTrustedProxiesIsReported() throws Exception {
    Optional<InetAddress> privateAddress = ownPrivateAddress();
    assumeTrue(privateAddress.isPresent(), "this machine has no private address to connect from");
    try (TestApp app = TestApp.start(TestDatabases.Engine.H2)) {
      Api.Response before = app.api().get("/health/ready");
      assertThat(before.json().has("warnings")).as("loopback is no proxy").isFalse();

      InetAddress address = privateAddress.get();
      String host =
          address instanceof Inet6Address
              ? "[" + address.getHostAddress().replaceAll("%.*", "") + "]"
              : address.getHostAddress();
      String base = app.api().base().replace("127.0.0.1", host);
      assertThat(new Api(base).get("/api/products").status()).isEqualTo(200);

      Api.Response after = app.api().get("/health/ready");
      assertThat(after.status()).isEqualTo(200);
      assertThat(after.json().get("warnings").get(0).asText()).isEqualTo("trusted-proxies-missing");
    }
  }

  private static Optional<InetAddress> ownPrivateAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      List<InetAddress> addresses = Collections.list(nic.getInetAddresses());
      for (InetAddress address : addresses) {
        byte[] b = address.getAddress();
        int first = b[0] & 0xFF;
        boolean rfc1918 =
            b.length == 4
                && (first == 10
                    || (first == 172 && (b[1] & 0xF0) == 16)
                    || (first == 192 && (b[1] & 0xFF) == 168));
        boolean uniqueLocal = b.length == 16 && (first & 0xFE) == 0xFC;
        if (rfc1918 || uniqueLocal) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
