package com.securecart.planner.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudWatchCsvTest {
  @TempDir Path dir;

  static Path fixture() throws URISyntaxException {
    return Path.of(CloudWatchCsvTest.class.getResource("cloudwatch.csv").toURI());
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("export.csv"), text);
  }

  @Test
  void rowsArePooledPerRoleAsFractionsAndOtherMetricsSkipped() throws Exception {
    var roles = CloudWatchCsv.read(fixture());
    assertThat(roles).containsOnlyKeys("checkout", "storefront");
    var storefront = roles.get("storefront");
    assertThat(storefront.instances()).containsExactly("i-0a1", "i-0a2");
    assertThat(storefront.cpuFraction()).containsExactly(0.205, 0.24, 0.25);
    assertThat(storefront.memoryFraction()).containsExactly(0.125, 0.1, 0.11);
    assertThat(storefront.memoryGib()).isEmpty();
    assertThat(roles.get("checkout").cpuFraction()).containsExactly(0.97, 1.0);
  }

  @Test
  void theColumnsMayComeInAnyOrder() throws IOException {
    var roles =
        CloudWatchCsv.read(
            write(
                """
                role,metric,value,instance_id,timestamp
                cart,CPUUtilization,40,i-1,2026-12-07T16:00:00Z
                """));
    assertThat(roles.get("cart").cpuFraction()).containsExactly(0.4);
  }

  @Test
  void errorsNameTheFileAndLine() throws IOException {
    var header = "timestamp,instance_id,role,metric,value\n";
    var at = "2026-12-07T16:00:00Z,i-1,cart,";
    assertRejected(header + at + "CPUUtilization,abc\n", "export.csv:2", "'abc' is not a number");
    assertRejected(header + "\n" + at + "CPUUtilization,140\n", "export.csv:3", "not a percentage");
    assertRejected(header + "yesterday,i-1,cart,CPUUtilization,40\n", "export.csv:2", "ISO-8601");
    assertRejected(
        header + "2026-12-07T16:00:00Z,i-1,CPUUtilization,40\n", "export.csv:2", "4 cells");
    assertRejected(
        "time,instance,value\n", "export.csv:1", "timestamp,instance_id,role,metric,value");
    assertRejected(header, "export.csv", "no CPUUtilization or mem_used_percent rows");
  }

  private void assertRejected(String text, String where, String why) throws IOException {
    var file = write(text);
    assertThatThrownBy(() -> CloudWatchCsv.read(file))
        .hasMessageContaining(where)
        .hasMessageContaining(why);
  }
}
