package com.securecart.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  @Test
  void reservationsAreCoalescedUnlessToldOtherwise() {
    assertThat(ConfigLoader.load(new String[0], Map.of()).reservationMode())
        .isEqualTo(Config.ReservationMode.COALESCED);
    assertThat(
            ConfigLoader.load(new String[0], Map.of("SECURECART_RESERVATION_MODE", " Direct "))
                .reservationMode())
        .isEqualTo(Config.ReservationMode.DIRECT);
  }

  @Test
  void anUnknownReservationModeStopsStartUpNamingTheSetting() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(new String[0], Map.of("SECURECART_RESERVATION_MODE", "batched")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_RESERVATION_MODE")
        .hasMessageContaining("direct or coalesced");
  }
}
