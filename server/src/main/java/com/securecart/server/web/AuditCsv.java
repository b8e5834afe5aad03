package com.securecart.server.web;

import com.securecart.audit.AuditEntry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The audit trail as CSV for a spreadsheet: one row per changed field (an entry that changed no
 * field, a nightly run requested, has one row with an empty field), so that each before and after
 * value sits in a cell of its own. Every cell is quoted, and one that a spreadsheet would take for
 * a formula ({@code = + - @}, tab, carriage return) is prefixed with {@code '}: the values are
 * whatever staff typed (a product name), and an export must not run them (OWASP CSV injection).
 */
final class AuditCsv {
  static final String HEADER =
      "id,at,actor_id,actor_email,action,target_type,target_id,field,before,after,"
          + "client_address,trace_id";

  private AuditCsv() {}

  static String of(List<AuditEntry> entries) {
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (AuditEntry e : entries) {
      java.util.Set<String> fields = new java.util.TreeSet<>(e.before().keySet());
      fields.addAll(e.after().keySet());
      if (fields.isEmpty()) {
        fields.add("");
      }
      for (String field : fields) {
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
                    cell(field),
                    cell(e.before().getOrDefault(field, "")),
                    cell(e.after().getOrDefault(field, "")),
                    cell(e.actor().clientAddress()),
                    cell(e.actor().traceId() == null ? "" : e.actor().traceId())))
            .append("\r\n");
      }
    }
    return csv.toString();
  }

  /** The fields as {@code key=value; key=value}, in key order, for the page. */
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
