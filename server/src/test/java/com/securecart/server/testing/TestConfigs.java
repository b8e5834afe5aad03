package com.securecart.server.testing;

import com.securecart.app.AccountSettings;
import com.securecart.app.AppSettings;
import com.securecart.app.DatabaseSettings;
import com.securecart.app.WorkerSettings;
import com.securecart.server.config.AdmissionConfig;
import com.securecart.server.config.Config;
import com.securecart.server.config.DemoSettings;
import com.securecart.server.config.HttpSettings;
import com.securecart.server.config.PipelineSettings;
import com.securecart.server.config.RecommendationsSettings;
import com.securecart.server.config.TelemetrySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Settings for tests: a random port, no demo data, every role but the batch schedule. */
public final class TestConfigs {
  private TestConfigs() {}

  public static Config forTests(String dbUrl) {
    return new Config(
        Set.of(Config.Role.API, Config.Role.WORKERS, Config.Role.SEARCH),
        tempDir(),
        app(dbUrl),
        new HttpSettings(0, 1_048_576, 2_000, AdmissionConfig.forTests()),
        DemoSettings.generated(0),
        TelemetrySettings.DEFAULTS,
        PipelineSettings.INPROCESS,
        RecommendationsSettings.IN_PROCESS);
  }

  /** The contexts' settings for tests: workers that poll every 50 ms. */
  public static AppSettings app(String dbUrl) {
    return AppSettings.defaults(new DatabaseSettings(dbUrl, null, null, 16))
        .withWorkers(new WorkerSettings(Duration.ofMillis(50), 2))
        .withAccounts(
            AccountSettings.of(Duration.ofHours(12), TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD)
                .withAdminTotpSecret(TestApp.ADMIN_TOTP_SECRET));
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("securecart-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
