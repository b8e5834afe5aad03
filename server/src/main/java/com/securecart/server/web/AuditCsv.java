package com.securecart.server.web;

import com.securecart.audit.AuditEntry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The audit trail as CSV for a spreadsheet. Every cell is quoted, and one that a spreadsheet would
 * take for a formula ({@code = + - @}, tab, carriage return) is prefixed with {@code '}: before and
 * after values are whatever staff typed (a product name), and an export must not run them (OWASP
 * CSV injection).
 */
final class AuditCsv {
  static final String HEADER =
      "id,at,actor_id,actor_email,action,target_type,target_id,before,after,client_address,"
          + "trace_id";

  private AuditCsv() {}

  static String of(List<AuditEntry> entries) {
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (AuditEntry e : entries) {
      csv.append(
              String.join(
                  ",",
                  cell(Long.toString(e.id())),
                  cell(e.at().toString()),
                  cell(Long.toString(e.actor().accountId())),
                  cell(e.actor().email()),
                  cell(e.action()),
                  cell(e.targetType()),
                  cell(e.targetId()),
                  cell(fields(e.before())),
                  cell(fields(e.after())),
                  cell(e.actor().clientAddress()),
                  cell(e.actor().traceId() == null ? "" : e.actor().traceId())))
          .append("\r\n");
    }
    return csv.toString();
  }

  /** The fields as {@code key=value; key=value}, in key order. */
  static String fields(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(f -> f.getKey() + "=" + f.getValue())
        .collect(Collectors.joining("; "));
  }

  static String cell(String value) {
    String safe = value;
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
      safe = "'" + safe;
    }
    return '"' + safe.replace("\"", "\"\"") + '"';
  }
}
