package com.securecart.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

/** The connection pool, the migrations and JDBI, for one JDBC URL (H2 or PostgreSQL). */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final JdbiTransactions transactions;
  private final boolean postgres;

  public Database(String jdbcUrl, String user, String password, int poolSize) {
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
    this.postgres = jdbcUrl.startsWith("jdbc:postgresql:");
    this.dataSource = new HikariDataSource(config);
    this.jdbi = Jdbi.create(dataSource);
    // Exceptions name the statement, never its bound values: those are customer data and secrets.
    jdbi.getConfig(StatementExceptions.class)
        .setMessageRendering(StatementExceptions.MessageRendering.SHORT_STATEMENT);
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

  /** True if a connection can be had and answers. */
  public boolean ping() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
