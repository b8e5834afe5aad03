package com.securecart.audit;

import java.time.Instant;
import java.util.List;

/**
 * Port to the audit tables. Append-only by design: there is no method to change or remove an entry
 * (AuditAppendOnlyTest keeps it so), and on PostgreSQL a trigger refuses UPDATE and DELETE.
 */
public interface AuditRepository {
  /** Adds an entry in the current transaction, if there is one. */
  void append(AuditEntry entry);

  /** Entries matching the query, newest first, at most {@code limit} from {@code offset}. */
  List<AuditEntry> find(AuditQuery query, long offset, int limit);

  long count(AuditQuery query);

  /**
   * Remembers that a staff account signed in from an address: true when it had not before (then the
   * address is remembered from now on), false when it had.
   */
  boolean rememberAddress(long accountId, String clientAddress, Instant at);
}
