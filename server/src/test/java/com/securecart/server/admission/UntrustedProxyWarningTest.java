package com.securecart.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class UntrustedProxyWarningTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void privateAddressesAreRfc1918AndUniqueLocalButNeverLoopbackOrPublic() throws Exception {
    for (String address :
        List.of("10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "fd00::2", "fc00::1")) {
      assertThat(UntrustedProxyWarning.isPrivate(InetAddress.getByName(address)))
          .as(address)
          .isTrue();
    }
    for (String address :
        List.of("127.0.0.1", "::1", "172.32.0.1", "8.8.8.8", "192.0.2.2", "2001:db8::1")) {
      assertThat(UntrustedProxyWarning.isPrivate(InetAddress.getByName(address)))
          .as(address)
          .isFalse();
    }
  }

  @Test
  void aPrivatePeerWithNoTrustedProxiesIsCountedAndRaisesTheGauge() throws Exception {
    UntrustedProxyWarning warning = new UntrustedProxyWarning(List.of(), registry);
    warning.observe(InetAddress.getByName("127.0.0.1"));
    assertThat(warning.detected()).isFalse();

    warning.observe(InetAddress.getByName("10.0.3.7"));
    warning.observe(InetAddress.getByName("10.0.3.8"));
    assertThat(warning.detected()).isTrue();
    assertThat(registry.counter("securecart.admission.untrusted.private.peers").count())
        .isEqualTo(2);
    assertThat(registry.get("securecart.admission.trusted.proxies.missing").gauge().value())
        .isEqualTo(1);
  }
}
