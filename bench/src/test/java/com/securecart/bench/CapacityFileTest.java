package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.planner.plan.Capacity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacityFileTest {
  @TempDir Path dir;

  @Test
  void thePlannersReaderTakesTheFileWithTheMeasuredFigures() throws Exception {
    MeasuredRole search = MeasuredRoleTest.search();
    Path file = dir.resolve("capacity.json");
    CapacityFile.write(
        file, CapacityFile.build("2026-12-07", "test machine", Map.of("search", search)));

    Capacity capacity = Capacity.read(file);

    assertThat(capacity.kind()).startsWith("MEASURED by ./securecart bench capacity on 2026-12-07");
    Capacity.Role role = capacity.role("search");
    assertThat(role.requestsPerSecondPerVcpu()).isCloseTo(219 / 0.44, offset(0.05));
    assertThat(role.sloP99Ms()).isEqualTo(250);
    assertThat(role.startToReadySeconds()).isEqualTo(6);
    assertThat(role.source()).isEqualTo("test sweep");
    assertThat(role.latency().points()).isEqualTo(search.curvePoints());
    // a role not swept keeps the bundled default's figures, and says so
    Capacity.Role cart = capacity.role("cart");
    assertThat(cart.requestsPerSecondPerVcpu())
        .isEqualTo(Capacity.bundled().role("cart").requestsPerSecondPerVcpu());
    assertThat(cart.source()).startsWith("NOT MEASURED in this run");
    assertThat(capacity.kind()).contains("roles not swept keep the bundled default");
  }

  @Test
  void theRawStepsTravelInTheFile() throws Exception {
    Path file = dir.resolve("capacity.json");
    CapacityFile.write(
        file,
        CapacityFile.build(
            "2026-12-07", "test machine", Map.of("search", MeasuredRoleTest.search())));

    JsonNode steps =
        new ObjectMapper().readTree(file.toFile()).path("roles").path("search").path("steps");

    assertThat(steps).hasSize(MeasuredRoleTest.SWEEP.size());
    assertThat(steps.get(3).path("offeredPerSecond").asDouble()).isEqualTo(219.7);
    assertThat(steps.get(3).path("withinSlo").asBoolean()).isTrue();
    assertThat(steps.get(4).path("withinSlo").asBoolean()).isFalse();
  }

  @Test
  void aPartRoundTripsWithAnUnknownUtilization() throws Exception {
    MeasuredRole role =
        new MeasuredRole(
            "checkout",
            500,
            21,
            "a run",
            List.of(
                new StepResult(5, 5, Double.NaN, 30, 60, 25, 0, "test"),
                new StepResult(6.5, 6.4, 0.2, 31, 70.5, 32, 1, "test")));
    Path part = dir.resolve("checkout.json");

    CapacityFile.writePart(part, role);

    assertThat(CapacityFile.readPart(part)).isEqualTo(role);
  }
}
