package com.securecart.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.config.Config;
import com.securecart.server.config.ConfigLoader;
import com.securecart.server.config.DemoSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnlineRetailConfigTest {
  @Test
  void theFileComesFromItsVariableAndIsOptional() {
    Config online =
        ConfigLoader.load(
            new String[] {"--demo-data", "online-retail"},
            Map.of("SECURECART_ONLINE_RETAIL", " /data/online_retail_uci.csv.gz "));
    assertThat(online.demo().data()).isEqualTo(DemoSettings.Data.ONLINE_RETAIL);
    assertThat(online.demo().onlineRetailFile())
        .isEqualTo(Path.of("/data/online_retail_uci.csv.gz"));

    Config defaults = ConfigLoader.load(new String[0], Map.of("SECURECART_ONLINE_RETAIL", " "));
    assertThat(defaults.demo().data()).isEqualTo(DemoSettings.Data.GENERATED);
    assertThat(defaults.demo().onlineRetailFile()).isNull();
  }
}
