package com.securecart.persistence;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;

/**
 * Counts what a piece of work costs the database, as Jdbi sees it: statements executed, and
 * transactions, that is commits of explicit transactions plus statements run in autocommit (each of
 * which the database commits on its own). Counts every thread: use it where nothing else runs.
 */
final class CountingTransactions implements JdbiPlugin {
  final AtomicInteger statements = new AtomicInteger();
  final AtomicInteger transactions = new AtomicInteger();

  @Override
  public void customizeJdbi(Jdbi jdbi) {
    jdbi.setSqlLogger(
        new SqlLogger() {
          @Override
          public void logAfterExecution(StatementContext ctx) {
            statements.incrementAndGet();
            try {
              if (ctx.getConnection().getAutoCommit()) {
                transactions.incrementAndGet();
              }
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          }
        });
    jdbi.setTransactionHandler(new Commits(jdbi.getTransactionHandler()));
  }

  void reset() {
    statements.set(0);
    transactions.set(0);
  }

  /** A handler that counts commits; each handle gets one wrapping its own specialised handler. */
  private final class Commits extends DelegatingTransactionHandler {
    Commits(TransactionHandler delegate) {
      super(delegate);
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
      return new Commits(getDelegate().specialize(handle));
    }

    @Override
    public void commit(Handle handle) {
      super.commit(handle);
      transactions.incrementAndGet();
    }
  }
}
