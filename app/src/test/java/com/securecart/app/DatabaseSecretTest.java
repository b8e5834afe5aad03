package com.securecart.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.persistence.DbCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SECURECART_DB_SECRET_ARN: validated at start, and the one source of the login when set. */
class DatabaseSecretTest {
  private static final String PG = "jdbc:postgresql://db.internal:5432/securecart";
  private static final String ARN =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:securecart/db-AbCdEf";

  private static AppSettings read(Map<String, String> values) {
    Map<String, String> env = new HashMap<>(Map.of("SECURECART_DB_URL", PG));
    env.putAll(values);
    return SettingsReader.app(env, Path.of("target/data"));
  }

  @Test
  void withoutASecretTheLoginIsTheUserAndPasswordAsBefore() {
    DatabaseSettings db =
        read(Map.of("SECURECART_DB_USER", "shop", "SECURECART_DB_PASSWORD", "s3cret")).database();

    assertThat(db.secret()).isNull();
    assertThat(db.credentials()).isEqualTo(new DbCredentials.Fixed("shop", "s3cret"));
    assertThat(db.toString()).doesNotContain("s3cret");
  }

  @Test
  void theEmbeddedDefaultIsUnchanged() {
    DatabaseSettings db = SettingsReader.app(Map.of(), Path.of("target/data")).database();

    assertThat(db.url()).startsWith("jdbc:h2:file:");
    assertThat(db.credentials()).isEqualTo(new DbCredentials.Fixed(null, null));
  }

  @Test
  void anArnNamesItsOwnRegion() {
    DatabaseSettings db =
        read(Map.of("SECURECART_DB_SECRET_ARN", ARN, "SECURECART_AWS_REGION", "us-east-1"))
            .database();

    assertThat(db.credentials()).isEqualTo(new DbCredentials.FromSecret(ARN, "eu-west-1", null));
    assertThat(db.toString()).contains("login from Secrets Manager");
  }

  @Test
  void aNameTakesTheAppsRegionAndAnEndpointOverride() {
    DatabaseSettings db =
        read(Map.of(
                "SECURECART_DB_SECRET_ARN", "securecart/db",
                "SECURECART_AWS_REGION", "eu-central-1",
                "SECURECART_DB_SECRET_ENDPOINT", "http://127.0.0.1:5000"))
            .database();

    assertThat(db.credentials())
        .isEqualTo(
            new DbCredentials.FromSecret(
                "securecart/db", "eu-central-1", URI.create("http://127.0.0.1:5000")));
  }

  @Test
  void aNameWithoutARegionIsRefused() {
    assertThatThrownBy(() -> read(Map.of("SECURECART_DB_SECRET_ARN", "securecart/db")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_AWS_REGION is required");
  }

  @Test
  void somethingThatIsNeitherAnArnNorANameIsRefused() {
    for (String bad :
        new String[] {
          "arn:aws:s3:::bucket",
          "arn:aws:secretsmanager:eu-west-1:123:secret:x",
          "has spaces",
          "quote'd"
        }) {
      assertThatThrownBy(
              () ->
                  read(
                      Map.of(
                          "SECURECART_DB_SECRET_ARN", bad, "SECURECART_AWS_REGION", "us-east-1")))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("SECURECART_DB_SECRET_ARN must be");
    }
  }

  @Test
  void aBadEndpointOrAnEndpointWithoutASecretIsRefused() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "SECURECART_DB_SECRET_ARN",
                        ARN,
                        "SECURECART_DB_SECRET_ENDPOINT",
                        "127.0.0.1:5000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_DB_SECRET_ENDPOINT must be an http(s) URL");
    assertThatThrownBy(() -> read(Map.of("SECURECART_DB_SECRET_ENDPOINT", "http://127.0.0.1:5000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_DB_SECRET_ARN is not");
  }

  @Test
  void aUserOrPasswordBesideTheSecretIsRefused() {
    for (String setting : new String[] {"SECURECART_DB_USER", "SECURECART_DB_PASSWORD"}) {
      assertThatThrownBy(() -> read(Map.of("SECURECART_DB_SECRET_ARN", ARN, setting, "x")))
          .as(setting)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("must not be set with SECURECART_DB_SECRET_ARN")
          .hasMessageContaining("one source");
    }
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "SECURECART_DB_SECRET_ARN",
                        ARN,
                        "SECURECART_DB_URL",
                        PG + "?sslmode=require&user=shop")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must not carry user= or password=");
  }

  @Test
  void theEmbeddedDatabaseCannotTakeASecret() {
    assertThatThrownBy(
            () ->
                read(Map.of("SECURECART_DB_SECRET_ARN", ARN, "SECURECART_DB_URL", "jdbc:h2:mem:x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("needs a jdbc:postgresql: URL");
  }

  @Test
  void theBatchReplicaLogsInFromTheSameSecret() {
    AppSettings settings =
        read(
            Map.of(
                "SECURECART_DB_SECRET_ARN",
                ARN,
                "SECURECART_BATCH_READ_DB_URL",
                "jdbc:postgresql://replica.internal/securecart"));
    assertThat(settings.database().credentials()).isInstanceOf(DbCredentials.FromSecret.class);

    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "SECURECART_DB_SECRET_ARN",
                        ARN,
                        "SECURECART_BATCH_READ_DB_URL",
                        "jdbc:h2:mem:reads")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_BATCH_READ_DB_URL");
  }
}
