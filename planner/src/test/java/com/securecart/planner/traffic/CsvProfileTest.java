package com.securecart.planner.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvProfileTest {
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("profile.csv"), text);
  }

  @Test
  void rowsAreStepsAndEventsAreAnnounced() throws IOException {
    var profile =
        TrafficProfile.csv(
            write(
                """
                # a quiet hour with a ten-fold sale in the middle
                second,orders_per_second
                0,2.5
                600,25
                2400,2.5
                3599,2.5
                event,spring-sale,600,2400,10
                """));
    assertThat(profile.seconds()).isEqualTo(3600);
    assertThat(profile.ordersPerSecond(599)).isEqualTo(2.5);
    assertThat(profile.ordersPerSecond(600)).isEqualTo(25);
    assertThat(profile.ordersPerSecond(2399)).isEqualTo(25);
    assertThat(profile.ordersPerSecond(2400)).isEqualTo(2.5);
    assertThat(profile.announced())
        .containsExactly(new AnnouncedEvent("spring-sale", 600, 2400, 10));
  }

  @Test
  void errorsNameTheLine() throws IOException {
    assertThatThrownBy(() -> TrafficProfile.csv(write("time,rate\n0,1\n")))
        .hasMessageContaining("line 1: expected the header 'second,orders_per_second'");
    assertThatThrownBy(() -> TrafficProfile.csv(write("second,orders_per_second\n0,1\n10,abc\n")))
        .hasMessageContaining("line 3: orders_per_second 'abc' is not a number");
    assertThatThrownBy(
            () -> TrafficProfile.csv(write("second,orders_per_second\n0,1\n10,2\n5,2\n")))
        .hasMessageContaining("line 4: second 5 is not after 10");
    assertThatThrownBy(() -> TrafficProfile.csv(write("second,orders_per_second\n5,1\n")))
        .hasMessageContaining("line 2: the first row must be second 0");
    assertThatThrownBy(() -> TrafficProfile.csv(write("second,orders_per_second\n0,-1\n")))
        .hasMessageContaining("line 2: orders_per_second must be a finite number >= 0");
    assertThatThrownBy(() -> TrafficProfile.csv(write("second,orders_per_second\n0,1,7\n")))
        .hasMessageContaining("line 2: expected 2 columns");
    assertThatThrownBy(
            () -> TrafficProfile.csv(write("second,orders_per_second\n0,1\nevent,sale,5,2,3\n")))
        .hasMessageContaining("line 3: sale: needs 0 <= start < end");
    assertThatThrownBy(
            () ->
                TrafficProfile.csv(
                    write("second,orders_per_second\n0,1\n9,1\nevent,sale,5,20,3\n")))
        .hasMessageContaining("event 'sale' ends after the profile's 10 s");
    assertThatThrownBy(() -> TrafficProfile.csv(write("# nothing\nsecond,orders_per_second\n")))
        .hasMessageContaining("no data rows");
  }
}
