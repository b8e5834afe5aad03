package com.securecart.audit;

import com.securecart.shared.Check;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One staff change: who, what, on which target, the changed fields before and after, and when.
 *
 * @param id the entry's sequence number, 0 until stored
 * @param action a dotted name, lower case, most general first ({@code product.price.changed})
 * @param before the changed fields as they were (empty for a creation)
 * @param after the changed fields as they are now (empty for a removal)
 */
public record AuditEntry(
    long id,
    Instant at,
    Actor actor,
    String action,
    String targetType,
    String targetId,
    Map<String, String> before,
    Map<String, String> after) {
  static final Pattern ACTION = Pattern.compile("[a-z][a-z_]*(\\.[a-z][a-z_]*)+");
  static final Pattern TARGET_TYPE = Pattern.compile("[a-z][a-z_]*");

  /** Keeps entries small: an entry says what changed, it is not a copy of the data. */
  static final int MAX_FIELDS = 20;

  static final int MAX_VALUE = 500;

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    action = Check.matches("action", Check.text("action", action, 3, 80), ACTION, "a dotted name");
    targetType =
        Check.matches(
            "targetType", Check.text("targetType", targetType, 1, 40), TARGET_TYPE, "a name");
    targetId = Check.text("targetId", targetId, 1, 200);
    before = fields("before", before);
    after = fields("after", after);
  }

  private static Map<String, String> fields(String name, Map<String, String> fields) {
    Objects.requireNonNull(fields, name);
    Check.range(name, fields.size(), 0, MAX_FIELDS);
    Map<String, String> copy = new java.util.TreeMap<>();
    fields.forEach(
        (k, v) -> copy.put(Check.text(name + " field", k, 1, 60), shortened(v == null ? "" : v)));
    return java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * A long value (a description) is cut rather than refused: a change must never fail because its
   * record would be long.
   */
  private static String shortened(String value) {
    return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE - 1) + "\u2026";
  }
}
