package com.securecart.planner.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusScrapesTest {
  private static final double GIB = 1024.0 * 1024 * 1024;

  @TempDir Path dir;

  static Path fixture() throws URISyntaxException {
    return Path.of(PrometheusScrapesTest.class.getResource("scrapes.prom").toURI());
  }

  private Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void aFileOfHeadedScrapesGivesSystemCpuAndTheSumOfJvmMemoryPerRole() throws Exception {
    var roles = PrometheusScrapes.read(fixture());
    assertThat(roles).containsOnlyKeys("cart", "search");
    var search = roles.get("search");
    assertThat(search.instances()).containsExactly("i-0s1", "i-0s2");
    // system_cpu_usage, not process_cpu_usage (0.21 in the same scrape)
    assertThat(search.cpuFraction()).containsExactly(0.5, 0.25);
    // the eight jvm_memory_used_bytes pools of the first scrape, heap and non-heap
    assertThat(search.memoryGib().getFirst()).isCloseTo(222_248_376 / GIB, within(1e-12));
    var cart = roles.get("cart");
    // the NaN of a first scrape is no CPU figure, but that scrape's memory still counts
    assertThat(cart.cpuFraction()).containsExactly(0.125);
    assertThat(cart.memoryGib()).hasSize(2);
  }

  @Test
  void processCpuCanBeChosenForALoadTestThatSharedItsMachine() throws Exception {
    var roles = PrometheusScrapes.read(fixture(), PrometheusScrapes.Cpu.PROCESS);
    assertThat(roles.get("search").cpuFraction())
        .containsExactly(0.21139240506329116, 0.10199556541019955);
  }

  @Test
  void aDirectoryOfRawScrapesNamesRoleAndInstanceByPath() throws IOException {
    write(
        dir.resolve("search/i-1/0001.prom"),
        "system_cpu_usage 0.4\njvm_memory_used_bytes{area=\"heap\",id=\"x\"} 1073741824\n");
    write(dir.resolve("search/i-2/0001.prom"), "process_cpu_usage 0.6\n");
    write(dir.resolve("headed.prom"), "# scrape role=cart instance=i-9\nsystem_cpu_usage 0.1\n");
    write(dir.resolve("search/README.txt"), "notes, not a scrape\n");
    var roles = PrometheusScrapes.read(dir);
    assertThat(roles.get("search").instances()).containsExactly("i-1", "i-2");
    assertThat(roles.get("search").cpuFraction()).containsExactlyInAnyOrder(0.4, 0.6);
    assertThat(roles.get("search").memoryGib()).containsExactly(1.0);
    assertThat(roles.get("cart").cpuFraction()).containsExactly(0.1);
  }

  @Test
  void errorsNameTheFileAndLine() throws IOException {
    var header = "# scrape role=cart instance=i-1\n";
    assertRejected(
        header + "system_cpu_usage 0.1\nprocess_cpu_usage zero\n",
        "bad.prom:3",
        "'zero' is not a sample value");
    assertRejected(header + "system_cpu_usage\n", "bad.prom:2", "not a Prometheus sample line");
    assertRejected("system_cpu_usage 0.1\n", "bad.prom:1", "before any '# scrape");
    assertRejected(
        "\n# scrape role=cart time=2026-12-07T16:00:00Z\n", "bad.prom:2", "role= and instance=");
    assertRejected(
        header + "jvm_threads_live_threads 23.0\n",
        "bad.prom:1",
        "neither system_cpu_usage nor process_cpu_usage");
  }

  private void assertRejected(String text, String where, String why) throws IOException {
    var file = write(dir.resolve("bad.prom"), text);
    assertThatThrownBy(() -> PrometheusScrapes.read(file))
        .hasMessageContaining(where)
        .hasMessageContaining(why);
  }
}
