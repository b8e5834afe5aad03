package com.securecart.server.web;

import com.securecart.notifications.MailboxEntry;
import com.securecart.notifications.NotificationsApi;
import com.securecart.server.http.Http;
import com.securecart.server.http.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The local mailbox: the e-mails the shop sent when no SMTP server is configured, each readable as
 * text and as its sandboxed HTML. Behind the staff-only filter ({@link StaffOnly}), like every
 * {@code /admin} page.
 */
public final class AdminMailPages implements RouteTable.Api {
  public record MailRow(long id, String url, String to, String subject, String sentAt) {}

  public record MailView(
      long id,
      String to,
      String subject,
      String sentAt,
      String messageId,
      String text,
      String htmlUrl) {}

  private final Pages pages;
  private final NotificationsApi notifications;

  public AdminMailPages(Pages pages, NotificationsApi notifications) {
    this.pages = pages;
    this.notifications = notifications;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/admin/mail", pages.get(this::mailbox))
        .get("/admin/mail/{id}", pages.get(this::message))
        .get("/admin/mail/{id}/html", pages.get(this::messageHtml));
  }

  private void mailbox(WebRequest w, ServerResponse res) {
    List<MailRow> rows =
        notifications.mailbox(100).stream()
            .map(
                m ->
                    new MailRow(
                        m.id(),
                        "/admin/mail/" + m.id(),
                        m.to(),
                        m.subject(),
                        Format.when(m.sentAt())))
            .toList();
    pages.render(w, res, "web/admin/mail.jte", Map.of("ctx", w.page("Mailbox"), "messages", rows));
  }

  private void message(WebRequest w, ServerResponse res) {
    MailboxEntry m = notifications.mailboxEntry(Http.pathId(w.req(), "id", "Message"));
    pages.render(
        w,
        res,
        "web/admin/mail-message.jte",
        Map.of(
            "ctx",
            w.page(m.subject()),
            "message",
            new MailView(
                m.id(),
                m.to(),
                m.subject(),
                Format.when(m.sentAt()),
                m.messageId(),
                m.text(),
                "/admin/mail/" + m.id() + "/html")));
  }

  /**
   * The e-mail's HTML as the customer's mail client shows it, framed by the message page. Its own
   * policy lets the e-mail's inline styles apply but runs no script and loads nothing from outside,
   * and {@code sandbox} gives it an origin of its own.
   */
  private void messageHtml(WebRequest w, ServerResponse res) {
    MailboxEntry m = notifications.mailboxEntry(Http.pathId(w.req(), "id", "Message"));
    res.header(
        SecurityHeaders.CONTENT_SECURITY_POLICY,
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self';"
            + " base-uri 'none';"
            + " sandbox");
    res.header(SecurityHeaders.X_FRAME_OPTIONS, "SAMEORIGIN");
    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.send(m.html().getBytes(StandardCharsets.UTF_8));
  }
}
