package com.securecart.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * How the pool connects: unchanged for fixed logins, through AWS's JDBC wrapper and its Secrets
 * Manager plugin for a secret.
 */
class DatabaseConnectingTest {
  private static final String PG = "jdbc:postgresql://db.internal:5432/securecart?sslmode=require";

  @Test
  void anEmbeddedDatabaseConnectsAsBefore() {
    String h2 = H2Urls.memory("x");
    HikariConfig config = Database.connecting(h2, new DbCredentials.Fixed(null, null));

    assertThat(config.getJdbcUrl()).isEqualTo(h2);
    assertThat(config.getDriverClassName()).isNull();
    assertThat(config.getUsername()).isNull();
    assertThat(config.getPassword()).isNull();
    assertThat(config.getDataSourceProperties()).isEmpty();
  }

  @Test
  void postgresWithAUserAndPasswordConnectsAsBefore() {
    HikariConfig config = Database.connecting(PG, new DbCredentials.Fixed("shop", "s3cret"));

    assertThat(config.getJdbcUrl()).isEqualTo(PG);
    assertThat(config.getDriverClassName()).isNull();
    assertThat(config.getUsername()).isEqualTo("shop");
    assertThat(config.getPassword()).isEqualTo("s3cret");
    assertThat(config.getDataSourceProperties()).isEmpty();
  }

  @Test
  void aSecretConnectsThroughTheWrapperWithOnlyItsSecretsManagerPlugin() {
    HikariConfig config =
        Database.connecting(
            PG,
            new DbCredentials.FromSecret(
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:securecart/db-AbCdEf",
                "eu-west-1",
                null));

    assertThat(config.getJdbcUrl())
        .isEqualTo("jdbc:aws-wrapper:postgresql://db.internal:5432/securecart?sslmode=require");
    assertThat(config.getDriverClassName()).isEqualTo("software.amazon.jdbc.Driver");
    assertThat(config.getUsername()).isNull();
    assertThat(config.getPassword()).isNull();
    assertThat(config.getDataSourceProperties())
        .containsEntry("wrapperPlugins", "awsSecretsManager")
        .containsEntry(
            "secretsManagerSecretId",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:securecart/db-AbCdEf")
        .containsEntry("secretsManagerRegion", "eu-west-1")
        .doesNotContainKey("secretsManagerEndpoint");
  }

  @Test
  void anEndpointOverrideGoesToThePlugin() {
    HikariConfig config =
        Database.connecting(
            PG,
            new DbCredentials.FromSecret(
                "securecart/db", "us-east-1", URI.create("http://127.0.0.1:5000")));

    assertThat(config.getDataSourceProperties())
        .containsEntry("secretsManagerSecretId", "securecart/db")
        .containsEntry("secretsManagerRegion", "us-east-1")
        .containsEntry("secretsManagerEndpoint", "http://127.0.0.1:5000");
  }

  @Test
  void anEmbeddedDatabaseCannotTakeASecret() {
    assertThatThrownBy(
            () ->
                Database.connecting(
                    H2Urls.memory("x"),
                    new DbCredentials.FromSecret("securecart/db", "us-east-1", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql:");
  }

  @Test
  void theWrapperDriverIsOnTheRunTimeClassPath() throws ClassNotFoundException {
    assertThat(Class.forName(Database.WRAPPER_DRIVER)).isAssignableTo(java.sql.Driver.class);
  }
}
