package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTest {
  private static Options options() {
    return Options.of("test bench")
        .option("--base-url", null)
        .option("--clients", "32")
        .option("--sizes", "1000,2000")
        .option("--build", "false")
        .option("--results-dir", "bench/target")
        .flag("--keep-db");
  }

  @Test
  void readsGivenValuesAndDefaultsThroughTypedGetters() {
    Options o = options().parse(new String[] {"--base-url", "http://127.0.0.1:8080/", "--keep-db"});

    assertThat(o.loopback("--base-url")).isEqualTo(URI.create("http://127.0.0.1:8080/"));
    assertThat(o.integer("--clients", 1, 64)).isEqualTo(32);
    assertThat(o.wholes("--sizes", 1, 10_000)).containsExactly(1000L, 2000L);
    assertThat(o.bool("--build")).isFalse();
    assertThat(o.bool("--keep-db")).isTrue();
    assertThat(o.path("--results-dir")).isEqualTo(Path.of("bench/target"));
  }

  @Test
  void aFlagNotGivenIsFalse() {
    assertThat(options().parse(new String[0]).bool("--keep-db")).isFalse();
  }

  @Test
  void rejectsAnUnknownOption() {
    assertThatThrownBy(() -> options().parse(new String[] {"--client", "4"}))
        .isInstanceOf(Options.UsageException.class)
        .hasMessage("unknown option '--client'");
  }

  @Test
  void rejectsAnOptionWithoutItsValue() {
    assertThatThrownBy(() -> options().parse(new String[] {"--clients"}))
        .isInstanceOf(Options.UsageException.class)
        .hasMessage("--clients needs a value");
  }

  @Test
  void rejectsMalformedAndOutOfRangeNumbers() {
    Options o = options().parse(new String[] {"--clients", "many", "--sizes", "10,x"});

    assertThatThrownBy(() -> o.integer("--clients", 1, 64))
        .isInstanceOf(Options.UsageException.class)
        .hasMessage("--clients must be a whole number, got 'many'");
    assertThatThrownBy(() -> o.wholes("--sizes", 1, 100))
        .isInstanceOf(Options.UsageException.class)
        .hasMessage("--sizes must be a whole number, got 'x'");
    assertThatThrownBy(
            () -> options().parse(new String[] {"--clients", "65"}).integer("--clients", 1, 64))
        .isInstanceOf(Options.UsageException.class)
        .hasMessage("--clients must be 1 to 64, got 65");
  }

  @Test
  void aRequiredOptionMustBeGiven() {
    assertThatThrownBy(() -> options().parse(new String[0]).string("--base-url"))
        .isInstanceOf(Options.UsageException.class)
        .hasMessage("--base-url is required");
  }

  @Test
  void aDriverLoadsOnlyTheLoopback() {
    Options o = options().parse(new String[] {"--base-url", "http://example.com/"});

    assertThatThrownBy(() -> o.loopback("--base-url"))
        .isInstanceOf(Options.UsageException.class)
        .hasMessage("--base-url must point at 127.0.0.1 or localhost");
  }

  @Test
  void theUsageLineListsEveryOptionWithItsDefault() {
    assertThat(options().usage())
        .isEqualTo(
            "usage: test bench --base-url VALUE [--clients 32] [--sizes 1000,2000] [--build false]"
                + " [--results-dir bench/target] [--keep-db]");
  }
}
