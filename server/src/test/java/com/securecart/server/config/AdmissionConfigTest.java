package com.securecart.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.ConfigException;
import com.securecart.server.config.AdmissionConfig.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionConfigTest {
  @Test
  void defaultsApplyWithoutAnyVariable() {
    AdmissionConfig config = ConfigLoader.load(new String[0], Map.of()).http().admission();

    assertThat(config).isEqualTo(AdmissionConfig.defaults());
    assertThat(config.fixedLimit()).isFalse();
    assertThat(config.login()).isEqualTo(new RateLimit(10, Duration.ofMinutes(1)));
  }

  @Test
  void everySettingIsReadFromItsVariable() {
    AdmissionConfig config =
        ConfigLoader.load(
                new String[0],
                Map.of(
                    "SECURECART_CONCURRENCY_MIN", "8",
                    "SECURECART_CONCURRENCY_MAX", "8",
                    "SECURECART_RETRY_AFTER_SECONDS", "3",
                    "SECURECART_RATE_LOGIN", "5/30s",
                    "SECURECART_RATE_REGISTRATION", "2/h",
                    "SECURECART_RATE_CHECKOUT", "off",
                    "SECURECART_RATE_SEARCH", "100/1m",
                    "SECURECART_RATE_MAX_CLIENTS", "5000",
                    "SECURECART_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1",
                    "SECURECART_SHUTDOWN_DRAIN_MS", "2500"))
            .http()
            .admission();

    assertThat(config.fixedLimit()).isTrue();
    assertThat(config.initialLimit()).isEqualTo(8);
    assertThat(config.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.login()).isEqualTo(new RateLimit(5, Duration.ofSeconds(30)));
    assertThat(config.registration()).isEqualTo(new RateLimit(2, Duration.ofHours(1)));
    assertThat(config.checkout().enabled()).isFalse();
    assertThat(config.search()).isEqualTo(new RateLimit(100, Duration.ofMinutes(1)));
    assertThat(config.maxClients()).isEqualTo(5000);
    assertThat(config.trustedProxies()).containsExactly("10.0.0.0/8", "127.0.0.1");
    assertThat(config.drainDelay()).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void checkoutBackpressureIsOnAtFiveSecondsAndZeroTurnsItOff() {
    assertThat(
            ConfigLoader.load(new String[0], Map.of()).http().admission().checkoutBackpressureAge())
        .isEqualTo(Duration.ofSeconds(5));
    AdmissionConfig off = load("SECURECART_CHECKOUT_BACKPRESSURE_AGE_SECONDS", "0");
    assertThat(off.checkoutBackpressure()).isFalse();
    AdmissionConfig five = load("SECURECART_CHECKOUT_BACKPRESSURE_AGE_SECONDS", "5");
    assertThat(five.checkoutBackpressureAge()).isEqualTo(Duration.ofSeconds(5));
    assertThat(five.checkoutBackpressure()).isTrue();
    assertThatThrownBy(() -> load("SECURECART_CHECKOUT_BACKPRESSURE_AGE_SECONDS", "-1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "SECURECART_CHECKOUT_BACKPRESSURE_AGE_SECONDS must be 0 (off) to 3600");
    assertThatThrownBy(() -> load("SECURECART_CHECKOUT_BACKPRESSURE_AGE_SECONDS", "half a minute"))
        .hasMessageContaining(
            "SECURECART_CHECKOUT_BACKPRESSURE_AGE_SECONDS must be a whole number");
  }

  @Test
  void badValuesFailWithWhatToSet() {
    assertThatThrownBy(() -> load("SECURECART_RATE_LOGIN", "ten a minute"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_RATE_LOGIN must look like 10/1m");
    assertThatThrownBy(() -> load("SECURECART_RATE_SEARCH", "5/0s"))
        .hasMessageContaining("SECURECART_RATE_SEARCH");
    assertThatThrownBy(() -> load("SECURECART_CONCURRENCY_MIN", "0"))
        .hasMessageContaining("SECURECART_CONCURRENCY_MIN");
    assertThatThrownBy(() -> load("SECURECART_TRUSTED_PROXIES", "proxy.internal"))
        .hasMessageContaining("SECURECART_TRUSTED_PROXIES must list IP addresses");
    assertThatThrownBy(() -> load("SECURECART_RETRY_AFTER_SECONDS", "0"))
        .hasMessageContaining("SECURECART_RETRY_AFTER_SECONDS");
    assertThatThrownBy(() -> load("SECURECART_RATE_MAX_CLIENTS", "5"))
        .hasMessageContaining("SECURECART_RATE_MAX_CLIENTS");
    assertThatThrownBy(
            () ->
                new AdmissionConfig(
                    10,
                    5,
                    20,
                    Duration.ofSeconds(1),
                    RateLimit.OFF,
                    RateLimit.OFF,
                    RateLimit.OFF,
                    RateLimit.OFF,
                    1000,
                    List.of(),
                    Duration.ZERO))
        .hasMessageContaining("1 <= min <= initial <= max");
  }

  @Test
  void aMinimumAboveTheDefaultMaximumRaisesTheMaximum() {
    AdmissionConfig config = load("SECURECART_CONCURRENCY_MIN", "2000");

    assertThat(config.minLimit()).isEqualTo(2000);
    assertThat(config.maxLimit()).isEqualTo(2000);
  }

  private static AdmissionConfig load(String name, String value) {
    return ConfigLoader.load(new String[0], Map.of(name, value)).http().admission();
  }
}
