package com.securecart.server.web;

import com.securecart.audit.AuditApi;
import com.securecart.audit.AuditEntry;
import com.securecart.audit.AuditQuery;
import com.securecart.server.http.AuditRoutes;
import com.securecart.server.http.RouteTable;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit trail for staff: filter by actor, action, target and days; export as CSV. */
public final class AdminAuditPages implements RouteTable.Api {
  private static final int PAGE_SIZE = 50;
  private static final List<String> FILTERS =
      List.of("actor", "action", "targetType", "targetId", "from", "to");

  /** One row of the table. */
  public record Row(
      String at,
      String actor,
      String action,
      String target,
      String before,
      String after,
      String address,
      String traceId) {
    static Row of(AuditEntry e) {
      return new Row(
          e.at().toString(),
          e.actor().email(),
          e.action(),
          e.targetType() + " " + e.targetId(),
          AuditCsv.fields(e.before()),
          AuditCsv.fields(e.after()),
          e.actor().clientAddress(),
          e.actor().traceId() == null ? "" : e.actor().traceId());
    }
  }

  private final Pages pages;
  private final AuditApi audit;

  public AdminAuditPages(Pages pages, AuditApi audit) {
    this.pages = pages;
    this.audit = audit;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules.get("/admin/audit", pages.get(this::page)).get("/admin/audit.csv", pages.get(this::csv));
  }

  private void page(WebRequest w, ServerResponse res) {
    int page = w.pageNumber();
    Page<AuditEntry> list =
        audit.find(AuditRoutes.query(w.req(), new PageRequest(page, PAGE_SIZE)));
    Map<String, String> params = params(w);
    pages.render(
        w,
        res,
        "web/admin/audit.jte",
        Map.of(
            "ctx",
            w.page("Audit trail"),
            "filters",
            blanksForNulls(params),
            "rows",
            list.items().stream().map(Row::of).toList(),
            "csvUrl",
            Format.url("/admin/audit.csv", params),
            "pager",
            WebViews.pager("/admin/audit", params, page, PAGE_SIZE, list.total())));
  }

  private void csv(WebRequest w, ServerResponse res) {
    AuditQuery query = AuditRoutes.query(w.req(), new PageRequest(0, 1));
    res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=UTF-8");
    res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"securecart-audit.csv\"");
    res.send(AuditCsv.of(audit.export(query)).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> blanksForNulls(Map<String, String> params) {
    Map<String, String> values = new LinkedHashMap<>();
    params.forEach((k, v) -> values.put(k, v == null ? "" : v));
    return values;
  }

  private static Map<String, String> params(WebRequest w) {
    Map<String, String> params = new LinkedHashMap<>();
    FILTERS.forEach(f -> params.put(f, w.query(f).orElse(null)));
    return params;
  }
}
