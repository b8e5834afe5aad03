package com.securecart.server.http;

import com.securecart.audit.AuditApi;
import com.securecart.audit.AuditEntry;
import com.securecart.audit.AuditQuery;
import com.securecart.shared.PageRequest;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** The audit trail as JSON, filtered like the audit page (docs/audit.md). Staff only. */
public final class AuditRoutes implements RouteTable.Api {
  private final Http http;
  private final AuditApi audit;

  public AuditRoutes(Http http, AuditApi audit) {
    this.http = http;
    this.audit = audit;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules.get("/api/admin/audit", this::list);
  }

  private void list(ServerRequest req, ServerResponse res) {
    PageRequest page =
        new PageRequest(Http.queryInt(req, "page", 0), Http.queryInt(req, "size", 50));
    http.ok(res, Views.PageJson.of(audit.find(query(req, page)), AuditRoutes::json));
  }

  /**
   * The filters of a request: {@code actor} (e-mail), {@code action} (or a more general one),
   * {@code targetType}, {@code targetId}, and {@code from} and {@code to} as days (UTC, both
   * included).
   */
  public static AuditQuery query(ServerRequest req, PageRequest page) {
    LocalDate from = Http.queryDate(req, "from", null);
    LocalDate to = Http.queryDate(req, "to", null);
    return new AuditQuery(
        Http.query(req, "actor").orElse(null),
        Http.query(req, "action").orElse(null),
        Http.query(req, "targetType").orElse(null),
        Http.query(req, "targetId").orElse(null),
        from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
        to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
        page);
  }

  static Map<String, Object> json(AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("at", e.at().toString());
    m.put("actorId", e.actor().accountId());
    m.put("actorEmail", e.actor().email());
    m.put("action", e.action());
    m.put("targetType", e.targetType());
    m.put("targetId", e.targetId());
    m.put("before", e.before());
    m.put("after", e.after());
    m.put("clientAddress", e.actor().clientAddress());
    m.put("traceId", e.actor().traceId());
    return m;
  }
}
