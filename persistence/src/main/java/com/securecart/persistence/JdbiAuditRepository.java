package com.securecart.persistence;

import com.securecart.audit.Actor;
import com.securecart.audit.AuditEntry;
import com.securecart.audit.AuditQuery;
import com.securecart.audit.AuditRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The audit trail in SQL: INSERT and SELECT only. */
public final class JdbiAuditRepository implements AuditRepository {
  private final JdbiTransactions db;

  public JdbiAuditRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public void append(AuditEntry e) {
    db.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO audit_entries (recorded_at, actor_id, actor_email, action, target_type,"
                        + " target_id, before_fields, after_fields, client_address, trace_id)"
                        + " VALUES (:at, :actorId, :actorEmail, :action, :targetType, :targetId,"
                        + " :before, :after, :address, :traceId)")
                .bind("at", e.at())
                .bind("actorId", e.actor().accountId())
                .bind("actorEmail", e.actor().email())
                .bind("action", e.action())
                .bind("targetType", e.targetType())
                .bind("targetId", e.targetId())
                .bind("before", Json.write(e.before()))
                .bind("after", Json.write(e.after()))
                .bind("address", e.actor().clientAddress())
                .bind("traceId", e.actor().traceId())
                .execute());
  }

  @Override
  public List<AuditEntry> find(AuditQuery query, long offset, int limit) {
    Map<String, Object> args = new LinkedHashMap<>();
    String where = where(query, args);
    return db.withHandle(
        h -> {
          var q =
              h.createQuery(
                  "SELECT * FROM audit_entries"
                      + where
                      + " ORDER BY id DESC LIMIT :limit OFFSET :offset");
          bindAll(q, args);
          return q.bind("limit", limit)
              .bind("offset", offset)
              .map(JdbiAuditRepository::entry)
              .list();
        });
  }

  @Override
  public long count(AuditQuery query) {
    Map<String, Object> args = new LinkedHashMap<>();
    String where = where(query, args);
    return db.withHandle(
        h -> {
          var q = h.createQuery("SELECT COUNT(*) FROM audit_entries" + where);
          bindAll(q, args);
          return q.mapTo(Long.class).one();
        });
  }

  @Override
  public boolean rememberAddress(long accountId, String clientAddress, Instant at) {
    boolean known =
        db.withHandle(
            h ->
                h.createQuery(
                            "SELECT COUNT(*) FROM staff_sign_in_addresses"
                                + " WHERE account_id = :id AND client_address = :address")
                        .bind("id", accountId)
                        .bind("address", clientAddress)
                        .mapTo(Integer.class)
                        .one()
                    > 0);
    if (known) {
      return false;
    }
    try {
      db.withHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO staff_sign_in_addresses (account_id, client_address,"
                          + " first_seen_at) VALUES (:id, :address, :at)")
                  .bind("id", accountId)
                  .bind("address", clientAddress)
                  .bind("at", at)
                  .execute());
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isDuplicateKey(e)) {
        // A concurrent sign-in from the same address remembered it first and reported it.
        return false;
      }
      throw e;
    }
  }

  /** The WHERE clause of a query, its values added to {@code args}; only bound values, no text. */
  private static String where(AuditQuery query, Map<String, Object> args) {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    if (query.actor() != null) {
      sql.append(" AND actor_email = :actor");
      args.put("actor", query.actor());
    }
    if (query.action() != null) {
      // The action itself or any more specific one: "product" finds "product.price.changed".
      sql.append(" AND (action = :action OR action LIKE :actionPrefix ESCAPE '!')");
      args.put("action", query.action());
      args.put("actionPrefix", escapeLike(query.action()) + ".%");
    }
    if (query.targetType() != null) {
      sql.append(" AND target_type = :targetType");
      args.put("targetType", query.targetType());
    }
    if (query.targetId() != null) {
      sql.append(" AND target_id = :targetId");
      args.put("targetId", query.targetId());
    }
    if (query.from() != null) {
      sql.append(" AND recorded_at >= :from");
      args.put("from", query.from());
    }
    if (query.to() != null) {
      sql.append(" AND recorded_at < :to");
      args.put("to", query.to());
    }
    return sql.toString();
  }

  private static String escapeLike(String value) {
    return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private static void bindAll(SqlStatement<?> statement, Map<String, Object> args) {
    args.forEach(
        (name, value) -> {
          if (value instanceof Instant t) {
            statement.bind(name, t);
          } else {
            statement.bind(name, (String) value);
          }
        });
  }

  private static AuditEntry entry(ResultSet rs, StatementContext ctx) throws SQLException {
    return new AuditEntry(
        rs.getLong("id"),
        Sql.instant(rs.getTimestamp("recorded_at")),
        new Actor(
            rs.getLong("actor_id"),
            rs.getString("actor_email"),
            rs.getString("client_address"),
            rs.getString("trace_id")),
        rs.getString("action"),
        rs.getString("target_type"),
        rs.getString("target_id"),
        Json.read(rs.getString("before_fields")),
        Json.read(rs.getString("after_fields")));
  }
}
