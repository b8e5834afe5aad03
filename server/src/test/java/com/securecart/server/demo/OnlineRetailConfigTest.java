package com.securecart.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.config.Config;
import com.securecart.server.config.ConfigLoader;
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
    assertThat(online.demoData()).isEqualTo(Config.DemoData.ONLINE_RETAIL);
    assertThat(online.onlineRetailFile()).isEqualTo(Path.of("/data/online_retail_uci.csv.gz"));

    Config defaults = ConfigLoader.load(new String[0], Map.of("SECURECART_ONLINE_RETAIL", " "));
    assertThat(defaults.demoData()).isEqualTo(Config.DemoData.GENERATED);
    assertThat(defaults.onlineRetailFile()).isNull();
    assertThat(Config.forTests("jdbc:h2:mem:x").onlineRetailFile()).isNull();
    assertThat(
            Config.forTests("jdbc:h2:mem:x")
                .withOnlineRetailFile(Path.of("a.csv"))
                .withPort(1)
                .onlineRetailFile())
        .isEqualTo(Path.of("a.csv"));
  }
}
