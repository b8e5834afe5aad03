package com.securecart.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private static InetAddress ip(String text) {
    return ClientAddress.literal(text).orElseThrow();
  }

  @Test
  void forwardedForIsIgnoredFromAnUntrustedPeer() {
    ClientAddress addresses = new ClientAddress(List.of("10.0.0.0/8"));

    assertThat(addresses.resolve(ip("203.0.113.9"), List.of("198.51.100.1")))
        .isEqualTo("203.0.113.9");
    assertThat(new ClientAddress(List.of()).resolve(ip("127.0.0.1"), List.of("198.51.100.1")))
        .isEqualTo("127.0.0.1");
  }

  @Test
  void behindTrustedProxiesTheNearestUntrustedHopIsTheClient() {
    ClientAddress addresses = new ClientAddress(List.of("10.0.0.0/8", "127.0.0.1"));

    // The client forged the first hop; our proxies added the last two.
    assertThat(addresses.resolve(ip("127.0.0.1"), List.of("192.0.2.66, 198.51.100.7", "10.1.2.3")))
        .isEqualTo("198.51.100.7");
    assertThat(addresses.resolve(ip("127.0.0.1"), List.of("10.9.9.9"))).isEqualTo("10.9.9.9");
  }

  @Test
  void garbageInTheHeaderIsNeverResolvedAsAName() {
    ClientAddress addresses = new ClientAddress(List.of("127.0.0.1"));

    assertThat(addresses.resolve(ip("127.0.0.1"), List.of("evil.example.com")))
        .isEqualTo("127.0.0.1");
    assertThat(ClientAddress.literal("localhost")).isEmpty();
    assertThat(ClientAddress.literal("::1")).isPresent();
  }

  @Test
  void cidrBlocksMatchByPrefix() {
    ClientAddress addresses = new ClientAddress(List.of("192.168.4.0/22"));

    assertThat(addresses.resolve(ip("192.168.7.250"), List.of("198.51.100.1")))
        .isEqualTo("198.51.100.1");
    assertThat(addresses.resolve(ip("192.168.8.1"), List.of("198.51.100.1")))
        .isEqualTo("192.168.8.1");
  }
}
