package com.securecart.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** Starting up: what the launcher relies on before an instance serves. */
class StartupIT {
  @Test
  void anInstanceWhosePortIsTakenFailsInsteadOfReportingReady() {
    try (TestApp first = TestApp.start(TestDatabases.Engine.H2)) {
      int taken = first.app().port();

      assertThatThrownBy(
              () -> TestApp.start(TestDatabases.Engine.H2, config -> config.withPort(taken)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot listen on port " + taken);
      assertThat(first.api().get("/health/ready").status()).isEqualTo(200);
    }
  }

  /**
   * The training run behind the JVM's start-up cache walks search, cart, checkout and the pipeline
   * to a sent e-mail, and throws if any step answers otherwise; the launcher then starts without
   * the cache, slower, so a broken training must show here rather than only as a slow start.
   */
  @Test
  void theStartupTrainingRunCompletesEveryStep() throws Exception {
    StartupTraining.main(new String[0]);
  }
}
