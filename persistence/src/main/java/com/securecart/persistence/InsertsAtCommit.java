package com.securecart.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Rows a pipeline batch inserts, held until its transaction's end and then written as one multi-row
 * INSERT per table ({@link JdbiTransactions#writingAtCommit}): the outbox events and order history
 * a batch of steps appends cost two statements instead of two per event (issue 18). Nothing in such
 * a transaction reads these tables after writing them, so holding the rows back changes no answer;
 * they commit, or roll back, with everything else the transaction wrote.
 */
final class InsertsAtCommit {
  /** A column's value: bound as {@code type} (so that a null binds as that type), or SQL. */
  record Cell(String sql, Object value, Class<?> type) {
    static Cell of(Object value, Class<?> type) {
      return new Cell(null, value, type);
    }

    static Cell sql(String expression) {
      return new Cell(expression, null, null);
    }
  }

  // Keyed by "INSERT INTO table (columns)", in the order tables were first written.
  private final Map<String, List<List<Cell>>> rows = new LinkedHashMap<>();

  void add(String insertInto, List<Cell> row) {
    rows.computeIfAbsent(insertInto, k -> new ArrayList<>()).add(row);
  }

  /** How many rows each table holds now, for {@link #reset}. */
  Map<String, Integer> mark() {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    rows.forEach((table, list) -> sizes.put(table, list.size()));
    return sizes;
  }

  /** Drops the rows added since {@code mark} (a savepoint rolled back). */
  void reset(Map<String, Integer> mark) {
    rows.entrySet().removeIf(e -> !mark.containsKey(e.getKey()));
    rows.forEach((table, list) -> list.subList(mark.get(table), list.size()).clear());
  }

  /** One INSERT per table, its rows in the order they were added. */
  void write(Handle handle) {
    rows.forEach(
        (insertInto, table) -> {
          StringBuilder sql = new StringBuilder(insertInto).append(" VALUES ");
          for (int r = 0; r < table.size(); r++) {
            sql.append(r == 0 ? "(" : ", (");
            List<Cell> row = table.get(r);
            for (int c = 0; c < row.size(); c++) {
              Cell cell = row.get(c);
              sql.append(c == 0 ? "" : ", ")
                  .append(cell.sql() != null ? cell.sql() : ":v" + r + "_" + c);
            }
            sql.append(')');
          }
          Update insert = handle.createUpdate(sql.toString());
          for (int r = 0; r < table.size(); r++) {
            List<Cell> row = table.get(r);
            for (int c = 0; c < row.size(); c++) {
              Cell cell = row.get(c);
              if (cell.sql() == null) {
                insert.bindByType("v" + r + "_" + c, cell.value(), cell.type());
              }
            }
          }
          insert.execute();
        });
    rows.clear();
  }
}
