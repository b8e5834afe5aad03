package com.securecart.planner.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.securecart.planner.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class WeekShapeIT {
  @Test
  void theCommittedShapeIsWhatTheDataGives() throws IOException {
    var data = SharedData.find("online-retail").map(d -> d.resolve("online_retail_uci.csv.gz"));
    assumeTrue(
        data.isPresent() && Files.isRegularFile(data.get()),
        "shared/data/online-retail/online_retail_uci.csv.gz not found: cannot rebuild the week's shape here");
    var derived = WeekShape.derive(data.get());
    assertThat(derived).isEqualTo(WeekShape.bundled());
    try (var in = WeekShape.class.getResourceAsStream(WeekShape.BUNDLED)) {
      assertThat(derived.toJson()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
