package com.securecart.persistence;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Inserts a row, or updates the row with the same key, in one statement (docs/adr/0014): the one
 * way the repositories write "insert or update", instead of an UPDATE, then an INSERT, then a loop
 * for when a concurrent transaction inserted the row in between.
 *
 * <p>On PostgreSQL it is {@code INSERT ... ON CONFLICT (key) DO UPDATE}, which is atomic: a racing
 * insert of the same key waits for the other and then updates its row. Standard {@code MERGE} is
 * not (on PostgreSQL 15 two racing MERGEs that both find no row both insert, and one fails on the
 * key), and H2 has no {@code ON CONFLICT}, hence the switch. On H2 it is the standard {@code
 * MERGE}; H2 makes the second of two racing inserts of a key wait for the first and then fail on
 * the key, so the loser runs its MERGE again, which now finds the row (through {@link
 * JdbiTransactions#retryingConflicts}, the one bounded retry of the transaction layer).
 *
 * <p>Expressions are SQL with named parameters; {@code t} names the row already there (in {@link
 * #update} and {@link #updateWhen}).
 */
final class Upsert {
  private final String table;
  private final Map<String, String> key = new LinkedHashMap<>();
  private final Map<String, String> inserted = new LinkedHashMap<>();
  private final Map<String, String> updated = new LinkedHashMap<>();
  private final Map<String, Object> bindings = new LinkedHashMap<>();
  private String updateWhen;
  private String insertWhen;

  private Upsert(String table) {
    this.table = table;
  }

  static Upsert into(String table) {
    return new Upsert(table);
  }

  /** A column of the table's primary key (or of a unique constraint on exactly these columns). */
  Upsert key(String column, String expression) {
    key.put(column, expression);
    return this;
  }

  /** Another column of a new row. */
  Upsert insert(String column, String expression) {
    inserted.put(column, expression);
    return this;
  }

  /** A column to set when the row is there already. */
  Upsert update(String column, String expression) {
    updated.put(column, expression);
    return this;
  }

  /** The row there is updated only when this holds; otherwise nothing is written. */
  Upsert updateWhen(String condition) {
    this.updateWhen = condition;
    return this;
  }

  /**
   * A new row is inserted only when this holds. On PostgreSQL no row is proposed at all when it
   * does not hold, so the row there is not updated either: use it only where a refused insert
   * implies a refused update.
   */
  Upsert insertWhen(String condition) {
    this.insertWhen = condition;
    return this;
  }

  Upsert bind(String name, Object value) {
    bindings.put(name, value);
    return this;
  }

  /** 1 if a row was inserted or updated, 0 if a condition refused it. */
  int execute(JdbiTransactions db) {
    if (db.postgres()) {
      return db.withHandle(h -> statement(h, postgresSql()).execute());
    }
    return db.retryingConflicts(
        Sql::isDuplicateKey, () -> db.withHandle(h -> statement(h, mergeSql()).execute()));
  }

  private Update statement(Handle h, String sql) {
    Update update = h.createUpdate(sql);
    bindings.forEach(update::bind);
    return update;
  }

  String postgresSql() {
    Map<String, String> row = new LinkedHashMap<>(key);
    row.putAll(inserted);
    String columns = String.join(", ", row.keySet());
    String values = String.join(", ", row.values());
    StringBuilder sql =
        new StringBuilder("INSERT INTO ")
            .append(table)
            .append(" AS t (")
            .append(columns)
            .append(") ");
    if (insertWhen == null) {
      sql.append("VALUES (").append(values).append(")");
    } else {
      sql.append("SELECT ").append(values).append(" WHERE ").append(insertWhen);
    }
    sql.append(" ON CONFLICT (")
        .append(String.join(", ", key.keySet()))
        .append(") DO UPDATE SET ")
        .append(assignments());
    if (updateWhen != null) {
      sql.append(" WHERE ").append(updateWhen);
    }
    return sql.toString();
  }

  String mergeSql() {
    Map<String, String> row = new LinkedHashMap<>(key);
    row.putAll(inserted);
    String on =
        key.entrySet().stream()
            .map(e -> "t." + e.getKey() + " = " + e.getValue())
            .collect(Collectors.joining(" AND "));
    return "MERGE INTO "
        + table
        + " t USING (SELECT 1 AS one) s ON "
        + on
        + " WHEN MATCHED"
        + (updateWhen == null ? "" : " AND " + updateWhen)
        + " THEN UPDATE SET "
        + assignments()
        + " WHEN NOT MATCHED"
        + (insertWhen == null ? "" : " AND " + insertWhen)
        + " THEN INSERT ("
        + String.join(", ", row.keySet())
        + ") VALUES ("
        + String.join(", ", row.values())
        + ")";
  }

  private String assignments() {
    if (updated.isEmpty()) {
      throw new IllegalStateException("an upsert of " + table + " sets no column on update");
    }
    return updated.entrySet().stream()
        .map(e -> e.getKey() + " = " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
