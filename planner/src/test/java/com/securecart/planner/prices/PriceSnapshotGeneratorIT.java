package com.securecart.planner.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.securecart.planner.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class PriceSnapshotGeneratorIT {
  @Test
  void theCommittedSnapshotIsWhatTheGeneratorBuildsFromTheSharedCsvs() throws IOException {
    var data = SharedData.find("aws-prices");
    assumeTrue(
        data.isPresent(),
        "shared/data/aws-prices not found: cannot rebuild the price snapshot here");
    try (var in = PriceTable.class.getResourceAsStream(PriceTable.BUNDLED)) {
      var committed = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(PriceSnapshotGenerator.generate(data.get())).isEqualTo(committed);
    }
  }
}
