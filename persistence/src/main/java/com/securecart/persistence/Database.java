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
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("securecart");
    config.setConnectionTimeout(10_000);
    if (instrumentation.poolMetrics() != null) {
      config.setMetricsTrackerFactory(instrumentation.poolMetrics());
    }
    this.postgres = jdbcUrl.startsWith("jdbc:postgresql:");
    this.dataSource = new HikariDataSource(config);
    this.jdbi = Jdbi.create(dataSource);
    instrumentation.plugins().forEach(jdbi::installPlugin);
    // Exceptions name the statement, never its bound values: those are customer data and secrets.
    jdbi.getConfig(StatementExceptions.class)
        .setMessageRendering(StatementExceptions.MessageRendering.SHORT_STATEMENT);
    // Nor do statement spans carry them (the JDBI tracing plugin would, if asked).
    jdbi.getConfig(SqlStatements.class).setIncludeBindingsInTelemetry(false);
    this.transactions = new JdbiTransactions(jdbi);
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
