package com.securecart.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementExceptions;

/** The connection pool, the migrations and JDBI, for one JDBC URL (H2 or PostgreSQL). */
public final class Database implements AutoCloseable {
  private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
  private static final String WRAPPER_PREFIX = "jdbc:aws-wrapper:";

  /** AWS Advanced JDBC Wrapper's driver; a run-time dependency, so named, not imported. */
  static final String WRAPPER_DRIVER = "software.amazon.jdbc.Driver";

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final JdbiTransactions transactions;
  private final boolean postgres;

  /**
   * What the server plugs into the pool and JDBI to observe them (pool meters, statement spans), so
   * that this module needs no metrics or tracing library of its own.
   *
   * @param poolMetrics HikariCP's meter tracker, or null for none
   * @param plugins JDBI plugins installed on every handle (statement tracing)
   */
  public record Instrumentation(MetricsTrackerFactory poolMetrics, List<JdbiPlugin> plugins) {
    public Instrumentation {
      plugins = List.copyOf(plugins);
    }

    public static Instrumentation none() {
      return new Instrumentation(null, List.of());
    }
  }

  public Database(String jdbcUrl, String user, String password, int poolSize) {
    this(jdbcUrl, user, password, poolSize, Instrumentation.none());
  }

  public Database(
      String jdbcUrl, String user, String password, int poolSize, Instrumentation instrumentation) {
    this(jdbcUrl, new DbCredentials.Fixed(user, password), poolSize, instrumentation, false);
  }

  /** A pool whose logins come from {@code credentials}: fixed, or a Secrets Manager secret. */
  public Database(
      String jdbcUrl, DbCredentials credentials, int poolSize, Instrumentation instrumentation) {
    this(jdbcUrl, credentials, poolSize, instrumentation, false);
  }

  /**
   * A pool for reads only, such as the nightly batch's, which may point at a replica: PostgreSQL
   * refuses writes on its connections (read-only sessions, not just read-only transactions), and it
   * holds no connection while idle. Never migrated: the primary's migrations reach a replica.
   */
  public static Database readOnly(String jdbcUrl, String user, String password, int poolSize) {
    return readOnly(jdbcUrl, new DbCredentials.Fixed(user, password), poolSize);
  }

  /** {@link #readOnly(String, String, String, int)} with its logins from {@code credentials}. */
  public static Database readOnly(String jdbcUrl, DbCredentials credentials, int poolSize) {
    return new Database(jdbcUrl, credentials, poolSize, Instrumentation.none(), true);
  }

  private Database(
      String jdbcUrl,
      DbCredentials credentials,
      int poolSize,
      Instrumentation instrumentation,
      boolean readOnly) {
    HikariConfig config = connecting(jdbcUrl, credentials);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName(readOnly ? "securecart-reads" : "securecart");
    this.postgres = jdbcUrl.startsWith(POSTGRES_PREFIX);
    if (readOnly) {
      config.setReadOnly(true);
      config.setMinimumIdle(0);
      // A replica that is away at start must not stop an instance from starting; the job finds
      // out when it runs.
      config.setInitializationFailTimeout(-1);
      if (postgres) {
        // pgjdbc's default makes only explicit transactions read-only; "always" covers
        // auto-commit statements too, so that any write through this pool fails. (H2 treats
        // read-only as a hint and would refuse the unknown property.)
        config.addDataSourceProperty("readOnlyMode", "always");
      }
    }
    if (postgres && !readOnly) {
      // A checkout claims its Idempotency-Key inside its transaction (ADR 4), so a retry of it
      // waits on that transaction's row lock. Should the instance vanish without closing its
      // connection (a lost host rather than a killed process), PostgreSQL ends the orphaned
      // transaction after 10 s instead of holding the key until TCP keepalive notices. No
      // transaction of ours idles that long: none waits on anything outside the database.
      config.setConnectionInitSql("SET idle_in_transaction_session_timeout = '10s'");
    }
    config.setConnectionTimeout(10_000);
    if (instrumentation.poolMetrics() != null) {
      config.setMetricsTrackerFactory(instrumentation.poolMetrics());
    }
    this.dataSource = new HikariDataSource(config);
    this.jdbi = Jdbi.create(dataSource);
    instrumentation.plugins().forEach(jdbi::installPlugin);
    // Exceptions name the statement, never its bound values: those are customer data and secrets.
    jdbi.getConfig(StatementExceptions.class)
        .setMessageRendering(StatementExceptions.MessageRendering.SHORT_STATEMENT);
    // Nor do statement spans carry them (the JDBI tracing plugin would, if asked).
    jdbi.getConfig(SqlStatements.class).setIncludeBindingsInTelemetry(false);
    this.transactions = new JdbiTransactions(jdbi, postgres);
  }

  /**
   * The pool's URL, driver and login. With a secret, the connections go through AWS's JDBC wrapper
   * (pgjdbc underneath): its {@code awsSecretsManager} plugin logs in with the secret's current
   * value and, when PostgreSQL refuses the login (28P01, 28000: the secret was rotated since it was
   * cached), fetches the secret again and tries the login once more. So no tier needs a restart
   * after a rotation, and no code of ours reads the secret. Without one, the URL goes to pgjdbc or
   * H2 unchanged.
   */
  static HikariConfig connecting(String jdbcUrl, DbCredentials credentials) {
    HikariConfig config = new HikariConfig();
    switch (credentials) {
      case DbCredentials.Fixed fixed -> {
        config.setJdbcUrl(jdbcUrl);
        if (fixed.user() != null) {
          config.setUsername(fixed.user());
        }
        if (fixed.password() != null) {
          config.setPassword(fixed.password());
        }
      }
      case DbCredentials.FromSecret secret -> {
        if (!jdbcUrl.startsWith(POSTGRES_PREFIX)) {
          throw new IllegalArgumentException(
              "credentials from Secrets Manager need a jdbc:postgresql: URL");
        }
        config.setJdbcUrl(WRAPPER_PREFIX + jdbcUrl.substring("jdbc:".length()));
        config.setDriverClassName(WRAPPER_DRIVER);
        // Only this plugin: the wrapper's defaults (Aurora failover and host monitoring) would
        // start monitoring threads for a cluster topology that a plain RDS instance lacks.
        config.addDataSourceProperty("wrapperPlugins", "awsSecretsManager");
        config.addDataSourceProperty("secretsManagerSecretId", secret.secretId());
        config.addDataSourceProperty("secretsManagerRegion", secret.region());
        if (secret.endpoint() != null) {
          config.addDataSourceProperty("secretsManagerEndpoint", secret.endpoint().toString());
        }
      }
    }
    return config;
  }

  /**
   * Applies pending migrations; safe to call from several instances at once (Flyway takes a lock).
   */
  public void migrate() {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  public JdbiTransactions transactions() {
    return transactions;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public boolean isPostgres() {
    return postgres;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
