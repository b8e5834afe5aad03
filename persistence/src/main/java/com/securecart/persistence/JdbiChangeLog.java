package com.securecart.persistence;

import com.securecart.changes.Change;
import com.securecart.changes.ChangeLog;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/** The change log table. */
public final class JdbiChangeLog implements ChangeLog {
  private final JdbiTransactions db;

  public JdbiChangeLog(JdbiTransactions db) {
    this.db = db;
  }

  private static final String INSERT =
      "INSERT INTO change_log (kind, ref, created_at) VALUES (:kind, :ref, CURRENT_TIMESTAMP)";

  @Override
  public void append(Change.Kind kind, String ref) {
    JdbiTransactions.Deferred deferred = db.deferred();
    if (deferred != null) {
      // A coalesced batch writes each entry once, at its end: readers only learn that ref changed.
      deferred.changes.add(java.util.Map.entry(kind.name(), ref));
      return;
    }
    db.useHandle(h -> h.createUpdate(INSERT).bind("kind", kind.name()).bind("ref", ref).execute());
  }

  /** Appends a batch's deferred entries. */
  /** Writes a coalesced batch's entries as one JDBC batch (one round trip). */
  static void appendAll(
      JdbiTransactions db, java.util.Collection<java.util.Map.Entry<String, String>> entries) {
    if (entries.isEmpty()) {
      return;
    }
    db.useHandle(
        h -> {
          org.jdbi.v3.core.statement.PreparedBatch batch = h.prepareBatch(INSERT);
          for (java.util.Map.Entry<String, String> e : entries) {
            batch
                .bind("kind", Change.Kind.valueOf(e.getKey()).name())
                .bind("ref", e.getValue())
                .add();
          }
          batch.execute();
        });
  }

  @Override
  public List<Change> since(long cursor, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, kind, ref, created_at FROM change_log WHERE id > :cursor ORDER BY id LIMIT :limit")
                .bind("cursor", cursor)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Change(
                            rs.getLong("id"),
                            Change.Kind.valueOf(rs.getString("kind")),
                            rs.getString("ref"),
                            Sql.instant(rs.getTimestamp("created_at"))))
                .list());
  }

  @Override
  public long headId() {
    return db.withHandle(
        h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM change_log").mapTo(Long.class).one());
  }

  @Override
  public OptionalLong oldestId() {
    Long oldest =
        db.withHandle(h -> h.createQuery("SELECT MIN(id) FROM change_log").mapTo(Long.class).one());
    return oldest == null ? OptionalLong.empty() : OptionalLong.of(oldest);
  }

  @Override
  public int purgeBefore(Instant before) {
    return db.withHandle(
        h ->
            h.createUpdate("DELETE FROM change_log WHERE created_at < :before")
                .bind("before", before)
                .execute());
  }
}
