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

  @Test
  void demoDataIsGeneratedUnlessTheOnlineRetailDataIsAskedFor() {
    assertThat(ConfigLoader.load(new String[0], Map.of()).demoData())
        .isEqualTo(Config.DemoData.GENERATED);
    assertThat(
            ConfigLoader.load(new String[] {"--demo-data", "online-retail"}, Map.of()).demoData())
        .isEqualTo(Config.DemoData.ONLINE_RETAIL);
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--demo-data=retail"}, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("generated or online-retail");
  }

  @Test
  void theBatchReadsThePrimaryUnlessAReplicaIsNamed() {
    assertThat(ConfigLoader.load(new String[0], Map.of()).batchReadDbUrl()).isNull();
    assertThat(
            ConfigLoader.load(new String[0], Map.of("SECURECART_BATCH_READ_DB_URL", " "))
                .batchReadDbUrl())
        .isNull();
    String replica = "jdbc:postgresql://replica:5432/securecart";
    Config config = ConfigLoader.load(new String[] {"--batch-read-db", replica}, Map.of());
    assertThat(config.batchReadDbUrl()).isEqualTo(replica);
    assertThat(config.toString()).contains("batch reads from a replica").doesNotContain("replica:");
    assertThatThrownBy(
            () -> ConfigLoader.load(new String[] {"--batch-read-db", "mysql://x"}, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_BATCH_READ_DB_URL");
  }
}
