package com.securecart.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.AppSettings;
import com.securecart.app.SettingsReader;
import com.securecart.persistence.Database;
import com.securecart.server.testing.LocalSecretsManager;
import com.securecart.server.testing.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rotated database login reaches the pools without a restart: the login lives in a Secrets
 * Manager secret (moto's server standing in), the pools are built as every tier builds them, from
 * {@code SECURECART_DB_SECRET_ARN}, and after the rotation a new connection logs in with the new
 * value while the same {@link Database} stays open.
 *
 * <p>Both rotation strategies that RDS offers: alternating users (the old user is locked out,
 * observable even where PostgreSQL trusts loopback logins, as on the development machine) and a
 * single user's new password (observable only where PostgreSQL checks passwords: .ci/run makes it
 * check them for one group's members; elsewhere the test is skipped, saying so, and in CI it
 * fails).
 */
class SecretRotationIT {
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
  private static final String PASSWORD_CHECKED = "securecart_password_checked";

  private static LocalSecretsManager secrets;

  private String url;
  private String prefix;
  private final List<String> roles = new ArrayList<>();

  @BeforeAll
  static void startSecretsManager() throws Exception {
    TestDatabases.requirePostgres();
    secrets = LocalSecretsManager.start();
    // The plugin's SDK client takes credentials from the default chain; moto accepts any.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @AfterAll
  static void stopSecretsManager() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (secrets != null) {
      secrets.close();
    }
  }

  @BeforeEach
  void freshDatabase() {
    String fresh = TestDatabases.freshUrl(TestDatabases.Engine.POSTGRES);
    // The admin login stays out of the URL: the secret is the pools' one source of logins.
    url = fresh.substring(0, fresh.indexOf('?'));
    prefix = "sc_rot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  @AfterEach
  void dropDatabaseAndRoles() throws SQLException {
    TestDatabases.drop(url + "?user=postgres");
    try (Connection c = DriverManager.getConnection(ADMIN_URL);
        Statement s = c.createStatement()) {
      for (String role : roles) {
        s.execute("DROP ROLE IF EXISTS " + role);
      }
    }
  }

  @Test
  void alternatingUsersTheOldUserLockedOutTheSamePoolsLogInAsTheNewOne() throws Exception {
    String userA = role("a");
    String userB = role("b");
    String passwordA = password();
    admin("CREATE ROLE " + userA + " LOGIN PASSWORD '" + passwordA + "'");
    String arn = secrets.createLogin(prefix, userA, passwordA);
    AppSettings settings = settings(arn);

    try (Database primary = settings.database().open(2, Database.Instrumentation.none());
        Database reads = settings.database().openReadOnly(settings.batch().readDbUrl(), 1)) {
      assertThat(currentUser(primary)).isEqualTo(userA);

      // Rotation, alternating users: the clone gets a login, the secret names it, the old user
      // loses its login (sessions it has open stay, as in PostgreSQL they do).
      String passwordB = password();
      admin("CREATE ROLE " + userB + " LOGIN PASSWORD '" + passwordB + "'");
      secrets.putLogin(arn, userB, passwordB);
      admin("ALTER ROLE " + userA + " NOLOGIN");
      assertThatThrownBy(() -> login(userA, passwordA))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("not permitted to log in");

      // The pool's open connections are the old user's; new ones must come from the secret.
      evictIdle(primary);
      assertThat(currentUser(primary)).isEqualTo(userB);
      // The batch's read pool opened no connection before: it logs in from the same secret.
      assertThat(currentUser(reads)).isEqualTo(userB);
    }
  }

  @Test
  void singleUserANewPasswordTheSamePoolLogsInWithIt() throws Exception {
    String user = role("u");
    String before = password();
    // Members of this group log in with a password even over loopback: .ci/run puts a
    // scram-sha-256 line for them ahead of PostgreSQL's trust lines.
    admin(
        "CREATE ROLE "
            + user
            + " LOGIN PASSWORD '"
            + before
            + "'"
            + (groupExists(PASSWORD_CHECKED) ? " IN ROLE " + PASSWORD_CHECKED : ""));
    boolean checksPasswords;
    try {
      login(user, "wrong-" + password());
      checksPasswords = false;
    } catch (SQLException refused) {
      checksPasswords = true;
    }
    String why =
        "PostgreSQL on 127.0.0.1:5432 does not check "
            + PASSWORD_CHECKED
            + "'s passwords (pg_hba.conf trusts loopback logins); .ci/run adds the scram-sha-256"
            + " line for that group";
    if ("true".equals(System.getenv("CI"))) {
      assertThat(checksPasswords).as(why).isTrue();
    }
    Assumptions.assumeTrue(checksPasswords, why);
    String arn = secrets.createLogin(prefix, user, before);
    AppSettings settings = settings(arn);

    try (Database primary = settings.database().open(2, Database.Instrumentation.none())) {
      assertThat(currentUser(primary)).isEqualTo(user);

      String after = password();
      admin("ALTER ROLE " + user + " PASSWORD '" + after + "'");
      secrets.putLogin(arn, user, after);
      assertThatThrownBy(() -> login(user, before)).isInstanceOf(SQLException.class);

      evictIdle(primary);
      assertThat(currentUser(primary)).isEqualTo(user);
    }
  }

  private AppSettings settings(String arn) {
    return SettingsReader.app(
        Map.of(
            "SECURECART_DB_URL", url,
            "SECURECART_DB_SECRET_ARN", arn,
            "SECURECART_DB_SECRET_ENDPOINT", secrets.endpoint().toString(),
            "SECURECART_BATCH_READ_DB_URL", url),
        Path.of("target/data"));
  }

  /** A new connection, not one the pool still holds. */
  private static void evictIdle(Database database) {
    ((HikariDataSource) database.dataSource()).getHikariPoolMXBean().softEvictConnections();
  }

  private static String currentUser(Database database) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT current_user")) {
      r.next();
      return r.getString(1);
    }
  }

  private void login(String user, String password) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.isValid(2);
    }
  }

  private String role(String suffix) {
    String role = prefix + "_" + suffix;
    roles.add(role);
    return role;
  }

  private static String password() {
    return UUID.randomUUID().toString();
  }

  private static boolean groupExists(String role) throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN_URL);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
      return r.next();
    }
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN_URL);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
