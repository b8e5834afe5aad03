package com.securecart.audit;

import com.securecart.shared.Check;
import com.securecart.shared.PageRequest;
import com.securecart.shared.ValidationException;
import java.time.Instant;
import java.util.Objects;

/**
 * Which entries to read; every filter is optional (null).
 *
 * @param actor the actor's e-mail (letter case aside)
 * @param action an action or a more general one: {@code product} matches {@code product.updated}
 * @param targetType with {@code targetId}, one target's history
 * @param from inclusive
 * @param to exclusive
 */
public record AuditQuery(
    String actor,
    String action,
    String targetType,
    String targetId,
    Instant from,
    Instant to,
    PageRequest page) {
  public AuditQuery {
    actor = Check.optionalText("actor", actor, 254);
    // Account e-mails are stored in lower case; whoever types the filter may not.
    actor = actor == null ? null : actor.toLowerCase(java.util.Locale.ROOT);
    action = Check.optionalText("action", action, 80);
    targetType = Check.optionalText("targetType", targetType, 40);
    targetId = Check.optionalText("targetId", targetId, 200);
    Objects.requireNonNull(page, "page");
    if (from != null && to != null && !from.isBefore(to)) {
      throw new ValidationException("to", "must be after from");
    }
  }

  /** Every entry, one page. */
  public static AuditQuery all(PageRequest page) {
    return new AuditQuery(null, null, null, null, null, null, page);
  }
}
