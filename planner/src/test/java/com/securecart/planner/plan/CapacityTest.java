package com.securecart.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacityTest {
  @Test
  void theBundledDefaultIsASweepOfEveryRoleAndSaysWhere() {
    Capacity capacity = Capacity.bundled();

    // bench/results/2026-12-07-capacity.md: the run this file is, as its sweep wrote it.
    assertThat(capacity.kind()).startsWith("MEASURED by ./securecart bench capacity on 2026-12-07");
    assertThat(capacity.roles().keySet()).containsExactlyInAnyOrderElementsOf(Capacity.ROLES);
    Capacity.Role checkout = capacity.role("checkout");
    assertThat(checkout.sloP99Ms()).isEqualTo(500);
    assertThat(checkout.requestsPerSecondPerVcpu()).isEqualTo(261.6);
    assertThat(checkout.source())
        .contains("./securecart bench capacity 2026-12-07", "taskset -c 1");
    assertThat(capacity.roles().values())
        .allSatisfy(role -> assertThat(role.source()).doesNotContain("NOT MEASURED"));
    assertThat(capacity.role("search").sloP99Ms()).isEqualTo(250);
  }

  @Test
  void aFileWithoutARoleIsRefusedNamingTheFileAndTheRole(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("mine.json"),
            """
            {"kind": "mine", "roles": {"checkout": {"requestsPerSecondPerVcpu": 100, "sloP99Ms": 500,
              "startToReadySeconds": 10, "latency": [[0.5, 50]], "source": "x"}}}
            """);

    assertThatThrownBy(() -> Capacity.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mine.json")
        .hasMessageContaining("storefront");
  }

  @Test
  void aRoleWithoutThroughputIsRefused(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("bad.json"),
            """
            {"roles": {"cart": {"sloP99Ms": 500, "startToReadySeconds": 10, "latency": [[0.5, 50]]}}}
            """);

    assertThatThrownBy(() -> Capacity.read(file))
        .hasMessageContaining("bad.json: role 'cart'")
        .hasMessageContaining("requestsPerSecondPerVcpu");
  }
}
